import v8 from 'node:v8';
import type { AppConfig } from '../config/load-config.ts';

/**
 * V8 settings for long-running processes, applied at start before the database is opened (V8 reads them when it
 * compiles WebAssembly and after each full garbage collection, so setting them at run time takes effect):
 *
 * - WORKER_HEAP_GROWTH_PERCENT (processes that run a worker): after each full collection V8 lets the heap grow
 *   by up to 4× what is live before collecting again. A fan-out allocates a lot of short-lived objects (query
 *   results, log lines, Redis commands) that outlive a young-generation collection, so a worker's heap swells to
 *   four times its live size. Bounding the growth keeps the heap proportional to what the worker holds, without
 *   a hard cap that could end the process; 0 keeps V8's default.
 * - The Prisma query compiler is WebAssembly that V8 first compiles quickly (Liftoff), then recompiles its
 *   busiest functions with its optimizing compiler: parsing the schema at start makes that happen at once and
 *   costs about 45 MB of memory that is never returned. Compiled query plans are cached by Prisma, so the
 *   optimized code saves little: a large tiering budget keeps the baseline code.
 */
export function applyMemoryTuning(config: Readonly<AppConfig>, what: { worker: boolean }): void {
  v8.setFlagsFromString('--wasm-tiering-budget=1000000000');
  if (what.worker && config.WORKER_HEAP_GROWTH_PERCENT > 0) {
    v8.setFlagsFromString(`--heap-growing-percent=${config.WORKER_HEAP_GROWTH_PERCENT}`);
  }
}
