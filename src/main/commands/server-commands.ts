import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import type { Lab } from '../../lab/index.ts';
import { applyMigrations } from '../../db/migrator.ts';
import { createAppContext, type AppContext } from '../app-context.ts';
import { cliConfig } from '../cli-support.ts';
import type { DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../logger.ts';
import { applyMemoryTuning } from '../memory-tuning.ts';
import { ensureRedis } from '../runtime-redis.ts';
import { startServices, stopOnSignal } from '../start-services.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * The demo's lab devices, seeded. The lab (an SSH server) and the demo seed are loaded by `demo` and `lab` only:
 * `netops worker` and `netops web` start without them.
 */
async function startDemoLab(ctx: AppContext): Promise<{ lab: Lab; seed: DemoSeed }> {
  const { parseLabPlatforms, startLab } = await import('../../lab/index.ts');
  const { seedDemo } = await import('../demo-seed.ts');
  // The demo fleet: five IOS routers plus one device of every other platform the drivers speak.
  const fleet = parseLabPlatforms(process.env.LAB_PLATFORMS ?? 'cisco_ios=5,cisco_nxos=1,arista_eos=1,juniper_junos=1,linux=1');
  const lab = await startLab({ platforms: fleet, basePort: Number(process.env.LAB_BASE_PORT ?? 2201) });
  return { lab, seed: await seedDemo(ctx, lab) };
}

/** start/web/worker/demo share this: config → Redis → context → services, until a signal. */
async function serve(what: { web: boolean; worker: boolean; demo?: boolean; privateRedis: boolean }): Promise<void> {
  const base = what.privateRedis ? loadConfig() : cliConfig();
  const redis = what.privateRedis ? await ensureRedis(base) : null;
  const config = redis ? Object.freeze({ ...base, REDIS_URL: redis.url }) : base;
  const logger = createLogger(config.LOG_LEVEL);
  if (redis?.started) logger.info({ url: redis.url }, 'Redis was not reachable at REDIS_URL: started a private redis-server (data under DATA_DIR/redis)');
  if (!config.SLACK_BOT_TOKEN) logger.info('Slack is off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN to connect)');
  if (!config.DISCORD_TOKEN && !config.DISCORD_PUBLIC_KEY) logger.info('Discord is off (set DISCORD_TOKEN / DISCORD_PUBLIC_KEY to connect)');
  applyMemoryTuning(config, what);
  const ctx = await createAppContext(config, logger);
  const { lab, seed } = what.demo ? await startDemoLab(ctx) : { lab: null, seed: null };
  const services = await startServices(ctx, what);
  stopOnSignal(async () => {
    await services.stop();
    await lab?.close();
    await ctx.close();
    await redis?.stop();
  });
  if (services.url) say(`NetOps Bot web: ${config.BASE_URL ?? services.url}  (API: ${services.url}/api/v1, health: ${services.url}/healthz)`);
  if (lab && seed) {
    say(`\nLab devices (simulated; login ${lab.devices[0]?.username} / ${lab.devices[0]?.password}, enable ${lab.devices[0]?.enableSecret}):`);
    for (const d of lab.devices) say(`  ${d.name.padEnd(12)} ${d.platform.padEnd(14)} ssh -p ${d.port} ${d.username}@${d.host}`);
    say(`\nWorkflows: ${seed.workflows.join(' ')}`);
    say(seed.adminPassword ? `Admin login: admin / ${seed.adminPassword}  (shown once)` : 'Admin login: admin (password set earlier)');
    say('Users: admin (admin), approver (approver) — four-eyes: a run is approved by someone other than its requester.');
    say('\nIn another terminal, try:');
    say('  npx netops run show-version --on lab-ios-1 --wait');
    say('  npx netops run show-facts --on tag:network --wait           # every network OS at once');
    say('  npx netops run add-loopback --on lab-ios-1 number=100 --wait --json');
    say('  npx netops approve <run-number> --as approver      # add-loopback needs approval');
    say('\nCtrl-C stops everything.');
  }
}

export function registerServerCommands(program: Command): void {
  program.command('start').description('web + worker in one process (applies migrations)').action(() => serve({ web: true, worker: true, privateRedis: true }));
  program.command('web').description('web server and API only').action(() => serve({ web: true, worker: false, privateRedis: false }));
  program.command('worker').description('a worker only (run several to scale out)').action(() => serve({ web: false, worker: true, privateRedis: false }));
  program.command('demo').description('start + simulated lab devices + example workflows').action(() => serve({ web: true, worker: true, demo: true, privateRedis: true }));
  program
    .command('lab')
    .description('simulated lab devices only')
    .option('--count <n>', 'number of Cisco IOS devices', '5')
    .option('--platforms <list>', 'a mixed fleet instead, e.g. cisco_ios=2,arista_eos=1,juniper_junos=1,cisco_nxos=1,linux=1')
    .option('--base-port <port>', 'first SSH port', '2201')
    .action(async (o: { count: string; basePort: string; platforms?: string }) => {
      const { parseLabPlatforms, startLab } = await import('../../lab/index.ts');
      const size = o.platforms ? { platforms: parseLabPlatforms(o.platforms) } : { count: Number(o.count) };
      const lab = await startLab({ ...size, basePort: Number(o.basePort) });
      for (const d of lab.devices) say(`${d.name} ${d.host}:${d.port} user=${d.username} password=${d.password} enable=${d.enableSecret} platform=${d.platform}`);
      say('Ctrl-C stops the lab.');
      stopOnSignal(() => lab.close());
    });
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const { applied } = await applyMigrations(config.DATABASE_URL);
      say(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
    });
}
