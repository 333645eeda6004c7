import { tracked } from "@trpc/server";

import type { Context } from "../context";
import { EventQueue } from "./event-queue";
import { feedHubFor, type NumberedChange } from "./feed-hub";
import { openStreamScope } from "./stream-scope";

// A reader this many changes behind (a stalled connection) gets one `reset` instead of them.
export const BACKLOG_MAX = 256;

/**
 * post.onChange: the feed's changes, each with its event id. With `lastEventId`
 * (the feed's `eventId` when the reader read it, or the last id it received),
 * what it missed comes first: replayed, or `reset` when that is not possible.
 */
export async function* feedStream(ctx: Context, lastEventId: number | null, signal: AbortSignal | undefined) {
  const queue = new EventQueue<NumberedChange>(BACKLOG_MAX, (newest) => [{ id: newest.id, change: { type: "reset" } }]);
  const scope = openStreamScope(ctx, signal, queue);
  let unsubscribe = () => {};
  try {
    const hub = feedHubFor(ctx.db);
    const subscription = await hub.subscribe((change) => queue.push(change));
    unsubscribe = subscription.unsubscribe;
    let seen = subscription.after;
    if (lastEventId !== null) {
      const missed = await hub.replay(lastEventId);
      if (missed === null) {
        yield tracked(String(seen), { type: "reset" } as const);
      } else {
        seen = lastEventId;
        for (const { id, change } of missed) {
          yield tracked(String(id), change);
          seen = id;
        }
      }
    }
    for await (const { id, change } of queue) {
      // Replayed already, or handed out before this reader's start.
      if (id <= seen && change.type !== "reset") continue;
      seen = id;
      yield tracked(String(id), change);
    }
    // Shutdown: end without tRPC's "return", so that the client reconnects elsewhere.
    scope.signal.throwIfAborted();
  } finally {
    unsubscribe();
    scope.close();
  }
}
