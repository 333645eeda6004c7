import { randomUUID } from "node:crypto";

import { PrismaPg } from "@prisma/adapter-pg";
import pg, { type QueryResult } from "pg";

/** A request waits at most this long for a connection before failing (never hangs on a dead server). */
export const CONNECT_TIMEOUT_MS = 5_000;
/** Client-side bound on one query: a server that stops answering fails the request instead of holding it. */
export const QUERY_TIMEOUT_MS = 15_000;

export interface PostgresOptions {
  poolMax: number;
}

/**
 * adapter-pg on a bounded pool, which the hot-path reads share (so
 * DATABASE_POOL_MAX bounds everything). Every connection runs in UTC, so what
 * PostgreSQL computes from timestamps (defaults, comparisons, now()) agrees
 * with the UTC values Prisma writes, whatever the server's own time zone.
 */
export function createPostgresAdapter(url: string, { poolMax }: PostgresOptions): { adapter: PrismaPg; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    options: "-c TimeZone=UTC",
  });
  // An idle connection killed by a server restart is dropped from the pool and
  // the next query opens a new one. The error is logged, never left unhandled:
  // an 'error' event without a listener would crash the process. Both the pool
  // and each connection get one, for as long as they live (even while closing).
  const lost = (error: Error) => console.warn(`[db] PostgreSQL connection lost: ${error.message}`);
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  // The client's $disconnect() ends the pool.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return { adapter, pool };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
interface PerformsIO {
  // An array when the SQL holds several statements (a migration replayed on the shadow database).
  performIO: (query: Parameters<Adapter["queryRaw"]>[0]) => Promise<QueryResult | QueryResult[]>;
}

// pg type ids of the catalog types `name` and `"char"`, and of `text`.
const CATALOG_TYPES = new Set([18, 19]);
const TEXT = 25;

/**
 * For the Prisma CLI only (prisma.config.ts). Migrate reads PostgreSQL's
 * catalog, whose `name` and `"char"` columns adapter-pg 6.19 cannot map
 * ("Column type 'name' could not be deserialized", prisma/prisma#27403): report
 * them as text, in transactions too. The app's own queries never meet them.
 */
export class PostgresMigrateAdapterFactory extends PrismaPg {
  constructor(private readonly url: string) {
    // allowExitOnIdle: otherwise idle connections keep each CLI command alive for 10 s after it is done.
    super({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      allowExitOnIdle: true,
      options: "-c TimeZone=UTC",
    });
  }

  override async connect(): Promise<Adapter> {
    return readCatalogTypesAsText(await super.connect());
  }

  /**
   * adapter-pg's own version connects its shadow pool with `{ ...config, database }`,
   * but a connectionString overrides `database`: it would replay the migrations
   * on the real database. Name the shadow database in the URL instead.
   */
  override async connectToShadowDb(): Promise<Adapter> {
    const main = await this.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    const shadow = await new PostgresMigrateAdapterFactory(url.toString()).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE "${name}"`);
      await main.dispose();
    };
    return shadow;
  }
}

function readCatalogTypesAsText(adapter: Adapter): Adapter {
  patchPerformIO(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => patchPerformIO(await startTransaction(isolationLevel));
  return adapter;
}

function patchPerformIO<T extends object>(queryable: T): T {
  // performIO is adapter-pg's private seam (pinned at 6.19.3 by the catalog).
  const io = queryable as unknown as PerformsIO;
  if (typeof io.performIO !== "function") throw new Error("adapter-pg changed: update postgres-adapter.ts");
  const perform = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await perform(query);
    for (const { fields } of [result].flat()) {
      for (const field of fields) if (CATALOG_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
    }
    return result;
  };
  return queryable;
}
