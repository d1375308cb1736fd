import type { FastifyInstance } from 'fastify';

const join = (parent: string, segment: string) => {
  if (parent.endsWith('/') && segment.startsWith('/')) return parent + segment.slice(1);
  if (!parent.endsWith('/') && !segment.startsWith('/')) return `${parent}/${segment}`;
  return parent + segment;
};

/** "METHOD /path" of every route the app registered (HEAD left out), read from Fastify's route tree. */
export function registeredRoutes(app: FastifyInstance): string[] {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.indexOf('── ');
    if (at < 0) continue;
    const depth = at / 4;
    const m = /^(\S+)(?: \(([^)]*)\))?/.exec(line.slice(at + 3));
    if (!m) continue;
    const path = depth === 0 ? m[1]! : join(stack[depth - 1] ?? '/', m[1]!);
    stack[depth] = path;
    for (const method of (m[2] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'HEAD')) out.add(`${method} ${path}`);
  }
  return [...out].sort();
}
