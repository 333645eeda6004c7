import { env } from "./env";
import { PrismaClient } from "./generated/prisma/client";
import { SQLiteAdapterFactory } from "./sqlite-adapter";

export function createDb(url: string = env.DATABASE_URL) {
  return new PrismaClient({ adapter: new SQLiteAdapterFactory(url) });
}

export type Db = ReturnType<typeof createDb>;

// Next's dev server re-evaluates modules on every change; keeping the client on
// globalThis stops each reload from opening another connection.
const globalForDb = globalThis as unknown as { gatehouseDb?: Db };

/** The app's one client, opened lazily on the first query. */
export const db: Db = globalForDb.gatehouseDb ?? createDb();
globalForDb.gatehouseDb = db;
