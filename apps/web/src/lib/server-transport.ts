import type { IncomingMessage, ServerResponse } from "node:http";

import type { Db } from "@gatehouse/db";

// Installed by the production server (server/index.mjs), which is not bundled with the app: a global symbol is
// what both sides see, as for the shutdown hooks. Under `next dev` nobody installs it.
const OFFER_TRANSPORT = Symbol.for("gatehouse.offerTransport");

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** Answers a request itself, or hands it to `next` (Next's request handler). */
type Serve = (req: IncomingMessage, res: ServerResponse, next: Handler) => void;

/**
 * Gives the production server what the app answers before Next: the tRPC API
 * (its own transport) and the pages the page cache holds. The app's start calls
 * it last: the server opens its port only then. Under `next dev` neither is
 * built (Next's route handler serves the API, and every page renders).
 */
export async function offerServerTransport(db: Db): Promise<void> {
  const offer = (globalThis as unknown as { [OFFER_TRANSPORT]?: (serve: Serve) => void })[OFFER_TRANSPORT];
  if (!offer) return;
  const { createNodeTransport } = await import("@gatehouse/api/node-transport");
  const { pageCacheFor } = await import("./page-cache");
  const serveApi = createNodeTransport();
  const pages = pageCacheFor(db);
  offer((req, res, next) => {
    if (!serveApi(req, res)) pages.serve(req, res, next);
  });
}
