import type { Session } from "@gatehouse/auth";

import { ownSessionTokenHash, type Context } from "../context";
import { EventQueue } from "./event-queue";
import { sessionWatchFor, type SessionNews, type WatchedSession } from "./session-watch";
import { openStreamScope } from "./stream-scope";

// Session news is rare; a reader this far behind has stopped reading.
const BACKLOG_MAX = 64;

/** The session a protected stream belongs to, as the watch follows it. */
function watchedSession(ctx: Context, session: Session): WatchedSession {
  return { userId: session.user.id, tokenHash: ownSessionTokenHash(ctx), role: session.user.role, expires: new Date(session.expires) };
}

/** What a session-bound stream makes of a piece of news: something to send, and whether it is the last. */
export interface Reaction<T> {
  send?: T;
  end?: boolean;
}

/**
 * A stream that lives as long as the caller's session: `react` turns each piece
 * of session news into what the stream sends, if anything. When the session
 * ends (signed out, revoked, expired, user disabled) on any instance, its last
 * news goes out and the stream ends, with tRPC's "return": the client does not
 * reconnect. `extra` feeds more events in (admin.onStats).
 */
export async function* sessionBoundStream<T>(
  ctx: Context,
  session: Session,
  signal: AbortSignal | undefined,
  react: (news: SessionNews) => Reaction<T>,
  extra?: (push: (value: T) => void) => () => void,
): AsyncGenerator<T> {
  const watched = watchedSession(ctx, session);
  const queue = new EventQueue<T>(BACKLOG_MAX, (newest) => [newest]);
  const scope = openStreamScope(ctx, signal, queue);
  const unwatch = sessionWatchFor(ctx.db).watch(watched, (news) => {
    const { send, end: last } = react(news);
    if (send !== undefined) queue.push(send);
    if (last || news.type === "signed_out") queue.end();
  });
  const stopExtra = extra?.((value) => queue.push(value));
  try {
    yield* queue;
    scope.signal.throwIfAborted();
  } finally {
    stopExtra?.();
    unwatch();
    scope.close();
  }
}
