import type { IncomingMessage, ServerResponse } from "node:http";

// Read by the production server (server/index.mjs), which is not bundled with the app: a global symbol is what
// both sides see, as for the shutdown hooks.
const SERVE_SUBSCRIPTION = Symbol.for("gatehouse.serveSubscription");

/**
 * Gives the production server the app's subscription transport: it offers each
 * request to `serve` before Next, which serves whatever `serve` declines.
 */
export function offerSubscriptionTransport(serve: (req: IncomingMessage, res: ServerResponse) => boolean): void {
  (globalThis as unknown as { [SERVE_SUBSCRIPTION]?: typeof serve })[SERVE_SUBSCRIPTION] = serve;
}
