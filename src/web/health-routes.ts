import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../main/app-context.ts';

/**
 * /healthz: the process answers. /readyz: the database and Redis answer too (503 otherwise), with this
 * process's chat admission counts (busy refusals do not make it unready: shedding is working as meant).
 */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout after 2 s')), 2000).unref())]);
        return 'ok';
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    };
    const [database, redis] = await Promise.all([check(() => ctx.db.prisma.$queryRawUnsafe('SELECT 1')), check(() => ctx.redis.ping())]);
    const ready = database === 'ok' && redis === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { database, redis }, chat: ctx.chatAdmission.stats() });
  });
}
