import { createLocalChanges } from "./changes/local";
import { createPostgresChanges } from "./changes/postgres";
import { env } from "./env";
import { createFeedLog } from "./feed-log";
import { PrismaClient as PostgresClient, type Prisma as PostgresPrisma } from "./generated/postgresql/client";
import { PrismaClient as SQLiteClient, type Prisma as SQLitePrisma } from "./generated/sqlite/client";
import { CONNECT_TIMEOUT_MS, createPostgresAdapter, QUERY_TIMEOUT_MS } from "./postgres-adapter";
import { ACCEPTED_DATABASE_URLS, providerOf } from "./provider";
import { createMemoryLimiter, createPostgresLimiter } from "./rate-limits";
import { createPostgresReads } from "./reads/postgres";
import { createSQLiteReads } from "./reads/sqlite";
import { attachServices } from "./services";
import { SQLiteAdapterFactory } from "./sqlite-adapter";

/**
 * The client every package uses, whichever database is behind it. Both
 * generated clients come from the same models (prisma-files.ts). The SQLite
 * client's API is the common one: PostgreSQL's only adds options (`mode:
 * "insensitive"`, `skipDuplicates`) that code written against Db cannot use.
 */
export type Db = SQLiteClient;

// tsc fails here if the two generated clients ever disagree on a model or a
// field's type: what makes the one cast in createDb safe.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _clientsAgree: [
  Same<SQLitePrisma.ModelName, PostgresPrisma.ModelName>,
  Same<SQLitePrisma.UserModel, PostgresPrisma.UserModel>,
  Same<SQLitePrisma.AccountModel, PostgresPrisma.AccountModel>,
  Same<SQLitePrisma.SessionModel, PostgresPrisma.SessionModel>,
  Same<SQLitePrisma.VerificationTokenModel, PostgresPrisma.VerificationTokenModel>,
  Same<SQLitePrisma.AuditLogModel, PostgresPrisma.AuditLogModel>,
  Same<SQLitePrisma.RateLimitModel, PostgresPrisma.RateLimitModel>,
  Same<SQLitePrisma.PostModel, PostgresPrisma.PostModel>,
  Same<SQLitePrisma.FeedEventModel, PostgresPrisma.FeedEventModel>,
] = [true, true, true, true, true, true, true, true, true];

/**
 * Prisma's defaults (2 s to start a transaction, 5 s for all of it) turned a
 * busy pool into 500s under load, while a plain query waits its turn: a
 * transaction waits for its connection, and runs, as long as a query may.
 */
const transactionOptions = { maxWait: CONNECT_TIMEOUT_MS, timeout: QUERY_TIMEOUT_MS };

export interface CreateDbOptions {
  /** PostgreSQL only: the pool's maximum number of connections. */
  poolMax?: number;
}

/**
 * A client for the database the URL names: `file:` is SQLite, `postgres(ql)://`
 * is PostgreSQL. Its hot-path reads (readsOf), change notices (changesOf) and
 * feed log (feedLogOf) come with it; closeDatabase() closes them all.
 */
export function createDb(url: string = env.DATABASE_URL, { poolMax = env.DATABASE_POOL_MAX }: CreateDbOptions = {}): Db {
  switch (providerOf(url)) {
    case "sqlite": {
      const client = new SQLiteClient({ adapter: new SQLiteAdapterFactory(url), transactionOptions });
      return attachServices(client, {
        reads: () => createSQLiteReads(url.slice("file:".length)),
        changes: createLocalChanges,
        limiter: createMemoryLimiter,
        feedLog: () => createFeedLog(client, "sqlite"),
      });
    }
    case "postgresql": {
      const { adapter, pool } = createPostgresAdapter(url, { poolMax });
      const client = new PostgresClient({ adapter, transactionOptions }) as unknown as Db;
      return attachServices(client, {
        reads: () => createPostgresReads(pool),
        changes: () => createPostgresChanges(url, pool),
        limiter: (name, limit) => createPostgresLimiter(pool, name, limit),
        feedLog: () => createFeedLog(client, "postgresql"),
      });
    }
    default:
      throw new Error(`DATABASE_URL must be ${ACCEPTED_DATABASE_URLS}`);
  }
}

// Next's dev server re-evaluates modules on every change; keeping the client on
// globalThis stops each reload from opening another connection (or pool).
const globalForDb = globalThis as unknown as { gatehouseDb?: Db };

/** The app's one client, opened lazily on the first query. */
export const db: Db = globalForDb.gatehouseDb ?? createDb();
globalForDb.gatehouseDb = db;
