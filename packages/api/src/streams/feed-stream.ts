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
  // The newest event id this reader has, or that a reset stood for: anything up to it is not sent again.
  let seen = 0;
  try {
    const hub = feedHubFor(ctx.db);
    // What is covered already stays out of the backlog, where it would only count towards an overflow's reset.
    const subscription = await hub.subscribe((numbered) => {
      if (numbered.id > seen) queue.push(numbered);
    });
    unsubscribe = subscription.unsubscribe;
    seen = subscription.after;
    if (lastEventId !== null) {
      const missed = await hub.replay(lastEventId);
      if (missed === null) {
        // The reader reads the feed again, which holds every event up to the newest, including those whose notice
        // is still on its way: the reset stands for them all, so neither this stream nor a reconnection from its id
        // sends them again.
        seen = Math.max(seen, await hub.newest());
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
      // Queued before a replay or reset covered it.
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
