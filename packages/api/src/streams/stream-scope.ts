import type { Context } from "../context";
import { env } from "../env";
import { openStreams, type OpenStream } from "./open-streams";

/**
 * Opens the bookkeeping of one subscription: counted against the per-session
 * and per-address limits (429 past them), ended when its client leaves or the
 * server shuts down. Close it when the stream ends.
 */
export function openStreamScope(ctx: Context, requestSignal: AbortSignal | undefined): OpenStream {
  return openStreams().open(
    { ip: ctx.client.ip, sessionKey: ctx.sessionTokenHash },
    { perSession: env.STREAM_LIMIT_PER_SESSION, perIp: env.STREAM_LIMIT_PER_IP },
    requestSignal ?? new AbortController().signal,
  );
}
