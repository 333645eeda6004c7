import type { RouterOutputs } from "@gatehouse/api";
import { transformer } from "@gatehouse/api/transformer";
import { EventSource } from "eventsource";

import type { Browser } from "./browser";

/** One server-sent event as it arrived; `data` decoded (tRPC's transformer) for data and error events. */
export interface SseMessage {
  /** "message" for data, or tRPC's named events: connected, ping, serialized-error, return. */
  event: string;
  id: string;
  data: unknown;
  at: number;
}

const NAMED_EVENTS = ["connected", "ping", "serialized-error", "return"] as const;
// What tRPC's client reconnects after (a database outage is SERVICE_UNAVAILABLE); any other error ends it.
const RETRIED = new Set(["BAD_GATEWAY", "SERVICE_UNAVAILABLE", "GATEWAY_TIMEOUT", "INTERNAL_SERVER_ERROR"]);

interface TRPCErrorShape {
  data: { code: string };
}

/**
 * A real EventSource (the `eventsource` package, as browsers implement the
 * spec) on a tRPC subscription, sending `browser`'s cookies. Like a browser it
 * reconnects by itself when the connection drops, sending Last-Event-ID. Like
 * tRPC's client it stops at tRPC's "return" (the server ended the stream) and at
 * an error event other than a passing one (a database outage).
 */
export class SseStream {
  readonly messages: SseMessage[] = [];
  /** Requests sent: the first, then one per reconnection. */
  connections = 0;
  /** When the server ended the stream ("return" or an error event), if it did. */
  endedAt: number | null = null;
  readonly #source: EventSource;

  constructor(browser: Browser, procedure: string, input?: unknown, headers: Record<string, string> = {}) {
    const url = new URL(`/api/trpc/${procedure}`, browser.origin);
    if (input !== undefined) url.searchParams.set("input", JSON.stringify(transformer.serialize(input)));
    this.#source = new EventSource(url, {
      fetch: async (target, init) => {
        this.connections += 1;
        const sent = new Headers(init?.headers);
        for (const [name, value] of Object.entries(headers)) sent.set(name, value);
        const cookie = await browser.jar.getCookieString(String(target));
        if (cookie) sent.set("cookie", cookie);
        return fetch(target, { ...init, headers: sent });
      },
    });
    const keep = (event: string) => (message: MessageEvent<string>) => {
      const decode = event === "message" || event === "serialized-error";
      this.messages.push({
        event,
        id: message.lastEventId,
        data: decode ? transformer.deserialize(JSON.parse(message.data) as Parameters<typeof transformer.deserialize>[0]) : message.data,
        at: Date.now(),
      });
      if (event === "return" || (event === "serialized-error" && !RETRIED.has((this.messages.at(-1)!.data as TRPCErrorShape).data.code))) {
        this.endedAt = Date.now();
        this.#source.close();
      }
    };
    this.#source.addEventListener("message", keep("message"));
    for (const event of NAMED_EVENTS) this.#source.addEventListener(event, keep(event));
  }

  /** The data events' decoded payloads (for tracked events, with their ids). */
  data<T>(): { id: string; data: T; at: number }[] {
    return this.messages.filter((message) => message.event === "message").map(({ id, data, at }) => ({ id, data: data as T, at }));
  }

  /** How many times the stream has been (re)connected and answered. */
  connected(): number {
    return this.messages.filter((message) => message.event === "connected").length;
  }

  close(): void {
    this.#source.close();
  }
}

/** The feed's change events, as post.onChange sends them (derived from the router, as the app derives them). */
export type { FeedChange } from "../../src/trpc/subscription-events";

/** One event of a subscription: what its async iterable yields. */
type Yielded<T> = T extends AsyncIterable<infer Event> ? Event : never;

/** account.onSessionEvent's news, as the router types it. */
export type SessionNews = Yielded<RouterOutputs["account"]["onSessionEvent"]>;
