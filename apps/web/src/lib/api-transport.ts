import type { IncomingMessage, ServerResponse } from "node:http";

// Read by the production server (server/index.mjs), which is not bundled with the app: a global symbol is what
// both sides see, as for the shutdown hooks.
const SERVE_API = Symbol.for("gatehouse.serveApi");

/**
 * Gives the production server the app's transport for the tRPC API: it offers
 * each request to `serve` before Next, which serves whatever `serve` declines.
 */
export function offerApiTransport(serve: (req: IncomingMessage, res: ServerResponse) => boolean): void {
  (globalThis as unknown as { [SERVE_API]?: typeof serve })[SERVE_API] = serve;
}
