import type { RouterOutputs } from "@gatehouse/api";

/** One event of a subscription: what its async iterable yields. */
type Yielded<T> = T extends AsyncIterable<infer Event> ? Event : never;

/** post.onChange, without the event id tRPC tracks: a post created or deleted, or `reset` (read the feed again). */
export type FeedChange = Yielded<RouterOutputs["post"]["onChange"]>["data"];

/** account.onSessionEvent: what happens to the signed-in person's sessions. */
type SessionEvent = Yielded<RouterOutputs["account"]["onSessionEvent"]>;

/** Why this browser's session ended (the last SessionEvent). */
export type SessionEndReason = Extract<SessionEvent, { type: "signed_out" }>["reason"];
