// `pnpm start`: the production server. Next's request handler behind Node's own
// HTTP server, so that shutdown is ours: stop accepting, let in-flight requests
// finish (bounded), then close the database pool and exit 0.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

import { closeDatabase, db } from "@gatehouse/db";
import next from "next";

import { serverEnv } from "./env";

const { PORT: port, HOSTNAME: hostname, SHUTDOWN_TIMEOUT_MS } = serverEnv;
const app = next({ dev: false, dir: fileURLToPath(new URL("..", import.meta.url)), hostname, port });
// prepare() runs src/instrumentation.ts, which exits if the environment or the database is not usable.
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => void handle(req, res));
server.listen(port, hostname, () => console.log(`Gatehouse ready on http://${hostname}:${port}`));

let closing = false;
async function shutdown(signal: NodeJS.Signals) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing in-flight requests, then closing.`);
  const cutOff = setTimeout(() => server.closeAllConnections(), SHUTDOWN_TIMEOUT_MS);
  // close() stops accepting and resolves once every open connection has ended (idle keep-alives are closed at once).
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(cutOff);
  await app.close();
  await closeDatabase(db);
  process.exit(0);
}
process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
