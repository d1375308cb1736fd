import type { Prisma } from './prisma-client.ts';

type AdapterFactory = Prisma.PrismaClientOptionsWithAdapter['adapter'];
type DriverAdapter = Awaited<ReturnType<AdapterFactory['connect']>>;
type Transaction = Awaited<ReturnType<DriverAdapter['startTransaction']>>;

/** Calls that send SQL on the transaction's one connection (or end it). */
const IN_TURN = new Set<PropertyKey>(['queryRaw', 'executeRaw', 'commit', 'rollback']);

/**
 * The PostgreSQL adapter with each transaction's statements sent one after another. A transaction holds one
 * pooled pg client, and Prisma's query interpreter reads an `include`'s relations with Promise.all
 * (prisma/orm#29468, still so in 7.10): pg then queues a query behind a running one, which pg 8.19+ warns
 * about ("client.query() when the client is already executing a query") and pg 9 will refuse. Outside
 * transactions every query takes its own pooled client, so those stay parallel.
 */
export function serialTransactions(factory: AdapterFactory): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      return new Proxy(adapter, {
        get(target, prop) {
          if (prop === 'startTransaction') {
            return async (...args: Parameters<DriverAdapter['startTransaction']>) => oneAtATime(await target.startTransaction(...args));
          }
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

function oneAtATime(tx: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  return new Proxy(tx, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => Promise<unknown>;
      if (!IN_TURN.has(prop)) return fn.bind(target);
      return (...args: unknown[]) => {
        const run = () => fn.apply(target, args);
        const next = tail.then(run, run);
        tail = next.catch(() => undefined);
        return next;
      };
    },
  });
}
