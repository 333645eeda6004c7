import type { Db } from "./client";
import type { Changes } from "./changes/types";
import type { FeedLog } from "./feed-log";
import type { Limit, Limiter } from "./rate-limits";
import type { Reads } from "./reads/types";

// What comes with each client: its hot-path reads, its change notices, its feed
// log, its rate limiters and what higher packages keep per client. Kept
// on the client object under a global symbol, so that every copy of this module
// (Next bundles one per route, the server entry loads another) finds them.
const SERVICES = Symbol.for("gatehouse.db.services");

export interface ServiceFactories {
  reads: () => Reads;
  changes: () => Changes;
  limiter: (name: string, limit: Limit) => Limiter;
  feedLog: () => FeedLog;
}

interface Services {
  factories: ServiceFactories;
  reads?: Reads;
  changes?: Changes;
  feedLog?: FeedLog;
  limiters: Map<string, Limiter>;
  /** What the higher packages keep per client (perClient): caches, hubs. */
  extras: Map<string, unknown>;
}

type WithServices = { [SERVICES]?: Services };

export function attachServices<T extends object>(db: T, factories: ServiceFactories): T {
  Object.defineProperty(db, SERVICES, { value: { factories, limiters: new Map(), extras: new Map() } satisfies Services });
  return db;
}

function servicesOf(db: Db): Services {
  const services = (db as WithServices)[SERVICES];
  if (!services) throw new Error("This client was not made by createDb() (an $extends() copy?): it has no reads or changes");
  return services;
}

/** The hot-path reads on this client's database (opened on first use). */
export function readsOf(db: Db): Reads {
  const services = servicesOf(db);
  return (services.reads ??= services.factories.reads());
}

/** The change notices of this client's database: in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. */
export function changesOf(db: Db): Changes {
  const services = servicesOf(db);
  return (services.changes ??= services.factories.changes());
}

/** The feed's events, in commit order (for post.onChange streams and their replay). */
export function feedLogOf(db: Db): FeedLog {
  const services = servicesOf(db);
  return (services.feedLog ??= services.factories.feedLog());
}

/**
 * A rate limiter named `name` on this client's database: in memory on SQLite
 * (one instance), in the RateLimit table on PostgreSQL (one limit for all
 * instances together). One limiter per name and limit; give each limit a name
 * of its own, as limiters of one name count in the same rows on PostgreSQL.
 */
export function limiterOf(db: Db, name: string, limit: Limit): Limiter {
  const { factories, limiters } = servicesOf(db);
  // Keyed by the limit too: a caller with another limit under the same name gets its own, not the first one's.
  const key = `${name} ${limit.points}/${limit.durationSeconds}`;
  let limiter = limiters.get(key);
  if (!limiter) limiters.set(key, (limiter = factories.limiter(name, limit)));
  return limiter;
}

/**
 * What a higher package keeps for as long as this client lives (a cache, a
 * hub), made by `make` on first use under `key`. Kept with the client's
 * services, so that every copy of the calling module (Next bundles one per
 * route) shares the one instance.
 */
export function perClient<T>(db: Db, key: string, make: () => T): T {
  const { extras } = servicesOf(db);
  if (!extras.has(key)) extras.set(key, make());
  return extras.get(key) as T;
}

/** Closes everything the client holds: the listener, the read connection, the pool. */
export async function closeDatabase(db: Db): Promise<void> {
  const services = servicesOf(db);
  await services.changes?.close();
  await services.reads?.close();
  await db.$disconnect();
}
