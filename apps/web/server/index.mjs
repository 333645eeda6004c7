// @ts-check
// `pnpm start`: the production server. Next's request handler behind Node's own
// HTTP server, which is what sees the socket; the tRPC API is served before
// Next, by the transport the app offers (src/lib/server-transport.ts), as are
// the pages its page cache holds. Here, per request: the client's address
// (TRUST_PROXY decides how far X-Forwarded-For is believed), a request id (also
// sent back as X-Request-Id), one JSON log line when the response is done. At
// SIGTERM: end open streams (their clients reconnect elsewhere), stop
// accepting, let in-flight requests finish (bounded), run what the app
// registered to close (the database pool, its listener), exit 0.
//
// Plain JavaScript on purpose: a TypeScript loader (tsx) would sit on every
// require() Next makes while serving, about 6% of a request's CPU.
//
// First: the repository root's .env, before anything reads the environment.
import "@gatehouse/root-env/load";

import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import next from "next";

import { env } from "./env.mjs";
import { createLogger } from "./logger.mjs";

// Shared with the app, which Next bundles separately: symbols on globalThis are
// what both sides see (packages/auth/src/request-context.ts reads them).
const REQUEST_CONTEXT = Symbol.for("gatehouse.requestContext");
const LOGGER = Symbol.for("gatehouse.logger");
const SHUTDOWN_HOOKS = Symbol.for("gatehouse.shutdownHooks");
const OFFER_TRANSPORT = Symbol.for("gatehouse.offerTransport");
/** The header the app believes for the client's address: set here, on every request, whatever the client sent. */
const CLIENT_IP_HEADER = "x-gatehouse-client-ip";

const logger = createLogger(env.LOG_LEVEL);
/** @type {AsyncLocalStorage<{ id: string; userId?: string; sessionExpires?: number }>} */
const requestContext = new AsyncLocalStorage();
const shared = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis));
shared[REQUEST_CONTEXT] = requestContext;
shared[LOGGER] = logger;
/**
 * Runs what the app registered (src/lib/shutdown.ts): `drain` at the signal, `close` after the last request.
 * One that fails is logged and the others still run: the database must be closed even if a stream would not end.
 * @param {"drain" | "close"} phase
 */
async function runShutdownHooks(phase) {
  const hooks = /** @type {Record<string, Array<() => Promise<void>>> | undefined} */ (shared[SHUTDOWN_HOOKS])?.[phase] ?? [];
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      logger.error({ err: error }, `a ${phase} hook failed at shutdown`);
    }
  }
}

const httpsUrl = env.NEXTAUTH_URL?.startsWith("https:") ?? false;
if (httpsUrl && env.TRUST_PROXY === 0) {
  logger.warn(
    "NEXTAUTH_URL is https but this server speaks plain http and trusts no proxy: TLS must end at a proxy in front of it, and TRUST_PROXY must say how many there are",
  );
}
const warnOnce = (/** @type {Set<string>} */ seen, /** @type {string} */ message) => {
  if (!seen.has(message)) logger.warn((seen.add(message), message));
};
/** @type {Set<string>} */
const warned = new Set();

/**
 * The client's address: the socket's, or, behind TRUST_PROXY proxies, the one
 * the outermost trusted proxy saw. Entries a client wrote into X-Forwarded-For
 * itself sit further left and are never believed.
 * @param {import("node:http").IncomingMessage} req
 */
function clientIp(req) {
  const socket = req.socket.remoteAddress ?? "unknown";
  if (env.TRUST_PROXY === 0) return socket;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length < env.TRUST_PROXY) {
    warnOnce(
      warned,
      `TRUST_PROXY=${env.TRUST_PROXY} but a request came with ${forwarded.length} X-Forwarded-For entries: is the proxy there? Using the socket address`,
    );
    return socket;
  }
  return forwarded[forwarded.length - env.TRUST_PROXY] ?? socket;
}

/** What the log line names: the tRPC procedures of the call, or the path (never the query: it carries inputs). */
function routeOf(/** @type {string} */ url) {
  const path = url.split("?")[0] ?? url;
  if (!path.startsWith("/api/trpc/")) return { route: path };
  try {
    return { procedure: decodeURIComponent(path.slice("/api/trpc/".length)) };
  } catch {
    // A malformed escape (Next answered 400): the path as it came.
    return { route: path };
  }
}

/**
 * The app's start (src/instrumentation-node.ts) checks the environment and the database, waits until this
 * instance hears the others' changes, then offers its transport, last. Next runs that start in the
 * background and makes requests wait for it: listening only once it is over keeps the port closed, and "ready"
 * true, meanwhile. (The start exits the process when something is not usable.)
 * @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>} Handler
 * @type {Promise<(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, next: Handler) => void>}
 */
const transportOffered = new Promise((resolve) => (shared[OFFER_TRANSPORT] = resolve));
const app = next({ dev: false, dir: fileURLToPath(new URL("..", import.meta.url)), hostname: env.HOSTNAME, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const serve = await transportOffered;

const loopDelay = env.EVENT_LOOP_REPORT === "1" ? monitorEventLoopDelay({ resolution: 10 }) : null;
loopDelay?.enable();

/**
 * Headers every response carries. Pages get a fuller Content-Security-Policy
 * with a nonce from src/proxy.ts, which replaces this one; everything else
 * (JSON, files) may not run scripts or be framed at all.
 */
const SECURITY_HEADERS = Object.entries({
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  ...(httpsUrl ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
});

let closing = false;
const server = createServer((req, res) => {
  const started = performance.now();
  const id = randomUUID();
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  // Shutting down: no connection is kept alive past its response, so that close() does not wait for idle ones
  // that a client (an EventSource reconnecting) keeps using.
  if (closing) res.setHeader("Connection", "close");
  req.headers[CLIENT_IP_HEADER] = clientIp(req);
  req.headers["x-request-id"] = id;
  res.setHeader("X-Request-Id", id);
  if (httpsUrl && env.TRUST_PROXY > 0 && req.headers["x-forwarded-proto"] !== "https") {
    warnOnce(warned, "NEXTAUTH_URL is https but a request arrived over plain http: browsers will not send its Secure cookies back");
  }
  const context = { id, userId: /** @type {string | undefined} */ (undefined) };
  res.once("close", () =>
    logger.info({
      reqId: id,
      method: req.method,
      ...routeOf(req.url ?? "/"),
      userId: context.userId,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
    }),
  );
  requestContext.run(context, () => {
    // The app's transport (src/lib/server-transport.ts) answers the tRPC API and the pages it holds; Next the rest.
    serve(req, res, handle);
  });
});
// Next's uncaughtException handler only logs: a server that cannot take its port (in use, not permitted) would
// stay up serving nothing, where a supervisor or a test needs it to exit.
const cannotListen = (/** @type {Error} */ error) => {
  logger.fatal({ err: error }, `cannot listen on ${env.HOSTNAME}:${env.PORT}`);
  process.exit(1);
};
server.once("error", cannotListen);
server.listen(env.PORT, env.HOSTNAME, () => {
  server.off("error", cannotListen);
  logger.info(`Gatehouse ready on http://${env.HOSTNAME}:${env.PORT}`);
});

/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  logger.info(`${signal}: finishing in-flight requests, then closing.`);
  const cutOff = setTimeout(() => server.closeAllConnections(), env.SHUTDOWN_TIMEOUT_MS);
  // close() stops accepting at once (before anything is awaited: a request arriving now is refused), and
  // resolves once every open connection has ended. It closes the idle keep-alives of the moment; those that
  // fall idle later (a stream just ended, a request finished) are closed as they do.
  const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  // Open subscriptions end now (their clients reconnect elsewhere): they would hold close() to the cut-off.
  await runShutdownHooks("drain");
  await closed;
  clearInterval(idle);
  clearTimeout(cutOff);
  await app.close();
  await runShutdownHooks("close");
  if (loopDelay) {
    const ms = (/** @type {number} */ ns) => (ns / 1e6).toFixed(1);
    logger.info(`event-loop delay ms: p50 ${ms(loopDelay.percentile(50))} p99 ${ms(loopDelay.percentile(99))} max ${ms(loopDelay.max)}`);
  }
  // The logger writes synchronously (server/logger.mjs): nothing is left to flush.
  process.exit(0);
}
process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
