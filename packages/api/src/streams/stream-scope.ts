import type { Context } from "../context";
import { env } from "../env";
import type { EventQueue } from "./event-queue";
import { openStreams, type OpenStream } from "./open-streams";

/**
 * Opens the bookkeeping of one subscription: counted against the per-session
 * and per-address limits (429 past them), and `queue` ended when its client
 * leaves or the server shuts down, so the stream's generator returns. Close it
 * when the stream ends.
 */
export function openStreamScope(ctx: Context, requestSignal: AbortSignal | undefined, queue: Pick<EventQueue<unknown>, "end">): OpenStream {
  const stream = openStreams().open(
    { ip: ctx.client.ip, sessionKey: ctx.sessionTokenHash },
    { perSession: env.STREAM_LIMIT_PER_SESSION, perIp: env.STREAM_LIMIT_PER_IP },
    requestSignal ?? new AbortController().signal,
  );
  const end = () => queue.end();
  stream.signal.addEventListener("abort", end, { once: true });
  return {
    signal: stream.signal,
    close: () => {
      stream.signal.removeEventListener("abort", end);
      stream.close();
    },
  };
}
