import type { Db } from "./client";
import type { Changes } from "./changes/types";
import type { Reads } from "./reads/types";

// What comes with each client: its hot-path reads and its change notices. Kept
// on the client object under a global symbol, so that every copy of this module
// (Next bundles one per route, the server entry loads another) finds them.
const SERVICES = Symbol.for("gatehouse.db.services");

export interface ServiceFactories {
  reads: () => Reads;
  changes: () => Changes;
}

interface Services {
  factories: ServiceFactories;
  reads?: Reads;
  changes?: Changes;
}

type WithServices = { [SERVICES]?: Services };

export function attachServices<T extends object>(db: T, factories: ServiceFactories): T {
  Object.defineProperty(db, SERVICES, { value: { factories } satisfies Services });
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

/** Closes everything the client holds: the listener, the read connection, the pool. */
export async function closeDatabase(db: Db): Promise<void> {
  const services = servicesOf(db);
  await services.changes?.close();
  await services.reads?.close();
  await db.$disconnect();
}
