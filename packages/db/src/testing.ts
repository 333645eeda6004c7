import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import Database from "better-sqlite3";
import pg from "pg";

import { createDb, type CreateDbOptions, type Db } from "./client";
import { changesOf, closeDatabase } from "./services";
import { hashSessionToken } from "./session-tokens";
import type { Role } from "./generated/sqlite/enums";
import { MIGRATION_DIRS } from "./prisma-files";
import type { Provider } from "./provider";
import { testEnv } from "./test-env";

export { testEnvShape } from "./test-env";

/** The committed migrations of one provider, oldest first. */
function migrationScripts(provider: Provider): string[] {
  const dir = MIGRATION_DIRS[provider];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/** Applies the committed migrations, in order, to a SQLite file (created, with its folder, if missing). */
export function applyMigrations(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    for (const script of migrationScripts("sqlite")) sqlite.exec(script);
  } finally {
    sqlite.close();
  }
}

export interface TestDatabase {
  provider: Provider;
  /** DATABASE_URL for a server started on this database. */
  url: string;
  db: Db;
  /** Disconnects and deletes the database. */
  drop: () => Promise<void>;
}

/** The PostgreSQL server the tests use: TEST_DATABASE_URL, required when a suite runs on PostgreSQL. */
export function testPostgresUrl(): string {
  if (!testEnv.TEST_DATABASE_URL) {
    throw new Error("TEST_DATABASE_URL must point at a PostgreSQL database to run the suites on PostgreSQL");
  }
  return testEnv.TEST_DATABASE_URL;
}

/** The provider the current suite runs on (its vitest project sets it). */
export const testProvider: Provider = testEnv.TEST_DATABASE_PROVIDER;

/**
 * A fresh, migrated database of its own: one per test file keeps tests
 * independent and lets files run in parallel. SQLite: a temporary file.
 * PostgreSQL: a new database next to TEST_DATABASE_URL's (or on `server`).
 */
export async function createTestDatabase(provider: Provider = testProvider, { server }: { server?: string } = {}): Promise<TestDatabase> {
  return provider === "postgresql" ? createPostgresTestDatabase(server ?? testPostgresUrl()) : createSQLiteTestDatabase();
}

function createSQLiteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    provider: "sqlite",
    url,
    db,
    drop: async () => {
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A client as a started server has it (another instance, on PostgreSQL): it hears every change announced from
 * its first query on, so a test can count what its caches serve.
 */
export async function createListeningDb(url: string, options?: CreateDbOptions): Promise<Db> {
  const db = createDb(url, options);
  await changesOf(db).listening();
  return db;
}

/** PostgreSQL: `use` with a connection of its own to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function createPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const server = new URL(serverUrl);
  const name = `${server.pathname.slice(1)}_${randomBytes(5).toString("hex")}`.slice(-63);
  await withClient(server.href, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const target = new URL(server);
  target.pathname = `/${name}`;
  const url = target.href;
  // One script per migration, as `prisma migrate deploy` runs them (simple protocol: several statements at once).
  await withClient(url, async (client) => {
    for (const script of migrationScripts("postgresql")) await client.query(script);
  });
  const db = await createListeningDb(url, { poolMax: 5 });
  return {
    provider: "postgresql",
    url,
    db,
    drop: async () => {
      await closeDatabase(db);
      await dropPostgresDatabase(server.href, name);
    },
  };
}

const DROP_WAIT_MS = 5_000;
const DROP_RETRY_MS = 200;

/**
 * Drops a PostgreSQL database on `serverUrl`, ending whatever is still connected
 * to it. An autovacuum worker belongs to no role, so PostgreSQL 15 refuses to end
 * it for a role that is not a superuser (42501); the worker finishes on its own
 * within moments, so that refusal is waited out, for DROP_WAIT_MS at most.
 */
export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  const giveUpAt = Date.now() + DROP_WAIT_MS;
  for (;;) {
    try {
      await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "42501" || Date.now() >= giveUpAt) throw error;
      await sleep(DROP_RETRY_MS);
    }
  }
}

/** PostgreSQL: how many connections other than this check's own are open to the database of `url`. */
export function openConnections(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows[0]!.n;
  });
}

let seq = 0;

/** A user row, as next-auth's adapter would create it on first sign-in. */
export function insertUser(db: Db, data: { name?: string; email?: string; role?: Role } = {}) {
  seq += 1;
  return db.user.create({
    data: { name: data.name ?? `User ${seq}`, email: data.email ?? `user${seq}-${Date.now()}@example.test`, role: data.role },
  });
}

/** A database session for the user, as the app stores one after sign-in (the token hashed); returns its cookie value. */
export async function insertSession(db: Db, userId: string, expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)) {
  const sessionToken = crypto.randomUUID();
  await db.session.create({ data: { sessionToken: hashSessionToken(sessionToken), userId, expires } });
  return sessionToken;
}
