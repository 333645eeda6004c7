import { db as appDb, type Db } from "./client";
import { env } from "./env";
import { redactDatabaseUrl } from "./provider";

// What "the database is not there right now" looks like, on either database:
// the request that met it should be answered 503 (try again), not 500 (a bug).
const PRISMA_CODES = new Set([
  "P1001", // can't reach the server
  "P1002", // server timed out
  "P1008", // operation timed out (SQLite: busy for longer than the busy timeout)
  "P1017", // server closed the connection
  "P2024", // timed out waiting for a connection from the pool
  "P2037", // too many connections
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
// SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P0x shutdown / cannot connect now.
const SQLSTATE = /^(08|53|57P0)/;
// node-postgres's own failures, which reach Prisma as plain Errors.
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout)/;
// The drivers' own codes, met on the hot-path reads (no Prisma in between).
const DRIVER_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|SQLITE_BUSY|SQLITE_CANTOPEN|SQLITE_IOERR)/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

function adapterCauseUnavailable(cause: unknown): boolean {
  if (typeof cause !== "object" || cause === null) return false;
  const { kind, code, originalCode } = cause as { kind?: string; code?: string; originalCode?: string };
  if (kind && ADAPTER_KINDS.has(kind)) return true;
  const sqlState = kind === "postgres" ? code : originalCode;
  return typeof sqlState === "string" && SQLSTATE.test(sqlState);
}

/** What a 503 for a database outage tells clients and load balancers to wait (Retry-After), in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Whether `error` (or anything in its cause chain) says the database is unreachable or overloaded. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 8 || typeof error !== "object" || error === null) return false;
  const e = error as ErrorLike;
  if (e.name === "PrismaClientInitializationError") return true;
  if (typeof e.code === "string" && PRISMA_CODES.has(e.code)) return true;
  if (e.name === "DriverAdapterError" && adapterCauseUnavailable(e.cause)) return true;
  if (adapterCauseUnavailable(e.meta?.driverAdapterError?.cause)) return true;
  // A raw node-postgres error: it carries a SQLSTATE and a severity.
  if (typeof e.code === "string" && "severity" in e && SQLSTATE.test(e.code)) return true;
  if (typeof e.message === "string" && DRIVER_MESSAGES.test(e.message)) return true;
  if (typeof e.code === "string" && DRIVER_CODES.test(e.code)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The last line of a Prisma error (the reason, without the call site it quotes). */
export function databaseErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split("\n").at(-1) ?? message;
}

/** One round trip: resolves when the database answers, rejects with its error otherwise. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

/**
 * For the server's start: resolves when the app's database answers, or rejects
 * with an Error that says which database and why, its password hidden. Bounded
 * in time: the PostgreSQL pool gives up connecting after a few seconds.
 */
export async function checkDatabase(): Promise<void> {
  try {
    await pingDatabase(appDb);
  } catch (error) {
    throw new Error(`cannot reach the database at DATABASE_URL=${redactDatabaseUrl(env.DATABASE_URL)}: ${databaseErrorReason(error)}`, {
      cause: error,
    });
  }
}
