// @ts-check
// `pnpm start`: the production server. Next's request handler behind Node's own
// HTTP server, so that shutdown is ours: stop accepting, let in-flight requests
// finish (bounded), then run what the app registered to close (the database
// pool, its listener), and exit 0.
//
// Plain JavaScript on purpose: a TypeScript loader (tsx) would sit on every
// require() Next makes while serving, about 6% of a request's CPU.
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import { createEnv } from "@t3-oss/env-core";
import next from "next";
import { z } from "zod";

const env = createEnv({
  server: {
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The interface to listen on; all of them by default, as `next start` does. */
    HOSTNAME: z.string().default("0.0.0.0"),
    /** How long in-flight requests may run on after SIGTERM before their connections are cut. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** "1": measure how long callbacks wait for the event loop, and print it at shutdown (pnpm bench --profile). */
    EVENT_LOOP_REPORT: z.enum(["0", "1"]).default("0"),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

// Filled by the app (src/lib/shutdown.ts), which Next bundles: a symbol on globalThis is what both sides share.
const SHUTDOWN_HOOKS = Symbol.for("gatehouse.shutdownHooks");
/** @returns {Array<() => Promise<void>>} */
const shutdownHooks = () => /** @type {Record<symbol, Array<() => Promise<void>> | undefined>} */ (/** @type {unknown} */ (globalThis))[SHUTDOWN_HOOKS] ?? [];

const app = next({ dev: false, dir: fileURLToPath(new URL("..", import.meta.url)), hostname: env.HOSTNAME, port: env.PORT });
// prepare() runs src/instrumentation.ts, which exits if the environment or the database is not usable.
await app.prepare();
const handle = app.getRequestHandler();

const loopDelay = env.EVENT_LOOP_REPORT === "1" ? monitorEventLoopDelay({ resolution: 10 }) : null;
loopDelay?.enable();

const server = createServer((req, res) => void handle(req, res));
server.listen(env.PORT, env.HOSTNAME, () => console.log(`Gatehouse ready on http://${env.HOSTNAME}:${env.PORT}`));

let closing = false;
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing in-flight requests, then closing.`);
  const cutOff = setTimeout(() => server.closeAllConnections(), env.SHUTDOWN_TIMEOUT_MS);
  // close() stops accepting and resolves once every open connection has ended (idle keep-alives are closed at once).
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  clearTimeout(cutOff);
  await app.close();
  for (const hook of shutdownHooks()) await hook();
  if (loopDelay) {
    const ms = (/** @type {number} */ ns) => (ns / 1e6).toFixed(1);
    console.log(`event-loop delay ms: p50 ${ms(loopDelay.percentile(50))} p99 ${ms(loopDelay.percentile(99))} max ${ms(loopDelay.max)}`);
  }
  process.exit(0);
}
process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
