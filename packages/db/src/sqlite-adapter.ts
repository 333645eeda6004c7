import { mkdirSync } from "node:fs";
import path from "node:path";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

// The adapter opens better-sqlite3 with SQLite's defaults: foreign keys OFF (so
// onDelete: Cascade would silently not happen) and a rollback journal (readers
// block the writer). Every connection gets the settings for concurrent use.
const CONNECTION_PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};
`;

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** The better-sqlite3 driver adapter, with every connection configured for concurrent use. */
export class SQLiteAdapterFactory extends PrismaBetterSQLite3 {
  readonly #file: string;

  constructor(url: string) {
    super({ url, timeout: BUSY_TIMEOUT_MS }, { shadowDatabaseUrl: ":memory:" });
    this.#file = url.replace(/^file:/, "");
  }

  override async connect(): Promise<Adapter> {
    // SQLite creates a missing file but not a missing folder (a fresh clone has no data/).
    if (this.#file !== ":memory:") mkdirSync(path.dirname(/*turbopackIgnore: true*/ this.#file), { recursive: true });
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }

  /**
   * Used only by `prisma migrate dev`, which replays each migration.sql on the
   * shadow database with one argument-less executeRaw. better-sqlite3 refuses
   * several statements in one prepared statement, so run those as a script.
   */
  override async connectToShadowDb(): Promise<Adapter> {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    return adapter;
  }
}
