import type { IncomingMessage, ServerResponse } from "node:http";

// Installed by the production server (server/index.mjs), which is not bundled with the app: a global symbol is
// what both sides see, as for the shutdown hooks. Under `next dev` nobody installs it.
const OFFER_API = Symbol.for("gatehouse.offerApi");

type ServeApi = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Gives the production server the app's transport for the tRPC API: it offers
 * each request to the transport before Next, which serves whatever it declines.
 * The app's start calls it last: the server opens its port only then. Under
 * `next dev` the transport is not built (Next's route handler serves the API).
 */
export async function offerApiTransport(create: () => Promise<ServeApi>): Promise<void> {
  const offer = (globalThis as unknown as { [OFFER_API]?: (serve: ServeApi) => void })[OFFER_API];
  if (offer) offer(await create());
}
