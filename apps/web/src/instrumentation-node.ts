// Runs once when the server starts (next dev, and prepare() in server/index.mjs).
// A server that cannot work should not start: it would only serve errors. Next
// merely logs a failing instrumentation hook and keeps serving, hence the exits.
import { onShutdown } from "./lib/shutdown";
import { offerServerTransport } from "./lib/server-transport";

try {
  // Every env module of the app, first: a wrong variable is named now, not when its module is first imported.
  await import("@gatehouse/auth/env");
  await import("@gatehouse/api/env");
  await import("./env");
  await import("@gatehouse/db");
} catch {
  // @t3-oss/env has already printed which variables are wrong and why.
  console.error("Gatehouse: refusing to start until the environment is fixed (see above).");
  process.exit(1);
}

const { changesOf, checkDatabase, closeDatabase, db } = await import("@gatehouse/db");
await checkDatabase().catch((error: Error) => {
  console.error(`Gatehouse: ${error.message}`);
  process.exit(1);
});
// Ready only once it hears the other instances' changes: a stream or cache it serves from its first request on
// misses none of them. (At once on SQLite.)
await changesOf(db)
  .listening()
  .catch((error: Error) => {
    console.error(`Gatehouse: cannot listen for the other instances' changes: ${error.message}`);
    process.exit(1);
  });
onShutdown(() => closeDatabase(db));
const { endOpenStreams } = await import("@gatehouse/api/streams");
onShutdown(endOpenStreams, "drain");
await offerServerTransport(db).catch((error: Error) => {
  // Else server/index.mjs, waiting for the transport, would end in Node's exit 13 with no word of ours.
  console.error(`Gatehouse: cannot build the server's transport: ${error.stack ?? error.message}`);
  process.exit(1);
});
