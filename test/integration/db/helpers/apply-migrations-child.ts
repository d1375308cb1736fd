// Child process for the concurrent-start test: loads the migrator, says "ready", waits for a line on stdin
// (so that all children start together), applies migrations and prints the outcome as JSON.
import { applyMigrations } from '../../../../src/db/migrator.ts';

const [url, migrationsDir] = process.argv.slice(2);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  applyMigrations(url!, migrationsDir ? { migrationsDir } : {})
    .then((result) => process.stdout.write(`${JSON.stringify({ ok: true, applied: result.applied })}\n`))
    .catch((err: { code?: string; message?: string }) => {
      process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, message: err.message })}\n`);
    })
    .finally(() => process.stdin.destroy());
});
