// Starts a test server, prints its pid, and waits: lifeline.sqlite.test.ts kills this
// process (-9) and watches whether the server outlives it.
import { startNextServer } from "../next-server";

const server = await startNextServer({ DATABASE_URL: process.env.DATABASE_URL ?? "" });
process.stdout.write(`${server.pid()}\n`);
setInterval(() => undefined, 60_000);
