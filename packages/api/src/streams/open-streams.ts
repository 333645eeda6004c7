import { TRPCError } from "@trpc/server";

/** Who holds a stream: the address it came from, and its session cookie (hashed) if it sent one. */
export interface StreamOwner {
  ip: string;
  sessionKey: string | null;
}

export interface StreamLimits {
  perSession: number;
  perIp: number;
}

export interface OpenStream {
  /**
   * Aborts when the client goes away or the server shuts down. On shutdown its
   * reason is an AbortError: the stream then ends without tRPC's "return" event,
   * so the client reconnects (to another instance) with its last event id.
   */
  signal: AbortSignal;
  close: () => void;
}

/**
 * Every subscription open on this instance: counted per address and per
 * session against the limits, and ended together at shutdown. One per process
 * (on a global symbol: Next bundles this module once per route). The limits are
 * per instance: behind a load balancer, N instances allow N times as many.
 */
class OpenStreams {
  readonly #streams = new Set<AbortController>();
  readonly #perIp = new Map<string, number>();
  readonly #perSession = new Map<string, number>();
  #closing = false;

  open(owner: StreamOwner, limits: StreamLimits, requestSignal: AbortSignal): OpenStream {
    if (this.#closing) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The server is shutting down." });
    if ((this.#perIp.get(owner.ip) ?? 0) >= limits.perIp) {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `At most ${limits.perIp} open streams per address.` });
    }
    if (owner.sessionKey && (this.#perSession.get(owner.sessionKey) ?? 0) >= limits.perSession) {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `At most ${limits.perSession} open streams per session.` });
    }
    const controller = new AbortController();
    const onRequestAbort = () => controller.abort(requestSignal.reason);
    requestSignal.addEventListener("abort", onRequestAbort, { once: true });
    this.#streams.add(controller);
    count(this.#perIp, owner.ip, 1);
    if (owner.sessionKey) count(this.#perSession, owner.sessionKey, 1);
    let closed = false;
    return {
      signal: controller.signal,
      close: () => {
        if (closed) return;
        closed = true;
        requestSignal.removeEventListener("abort", onRequestAbort);
        this.#streams.delete(controller);
        count(this.#perIp, owner.ip, -1);
        if (owner.sessionKey) count(this.#perSession, owner.sessionKey, -1);
      },
    };
  }

  /** Shutdown: refuses new streams and ends the open ones, so that the server can close its connections. */
  endAll(): void {
    this.#closing = true;
    for (const controller of this.#streams) controller.abort(new DOMException("The server is shutting down", "AbortError"));
  }

  get size(): number {
    return this.#streams.size;
  }
}

function count(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

const REGISTRY = Symbol.for("gatehouse.api.openStreams");

export function openStreams(): OpenStreams {
  const holder = globalThis as unknown as { [REGISTRY]?: OpenStreams };
  return (holder[REGISTRY] ??= new OpenStreams());
}

/** Shutdown: ends every open subscription of this process; their clients reconnect (to another instance). */
export function endOpenStreams(): Promise<void> {
  openStreams().endAll();
  return Promise.resolve();
}
