import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { EventQueue } from "../src/streams/event-queue";
import { openStreams } from "../src/streams/open-streams";

// The pieces every stream is made of: its place in the limits, and its queue.
describe("open streams", () => {
  const limits = { perSession: 2, perIp: 3 };
  const owner = (ip: string, sessionKey: string | null = null) => ({ ip, sessionKey });
  const refusal = (open: () => unknown) => {
    try {
      open();
    } catch (error) {
      return error instanceof TRPCError ? error.code : String(error);
    }
    return "opened";
  };

  it("counts per address and per session, and frees a place when a stream closes", () => {
    const streams = openStreams();
    const signal = new AbortController().signal;
    const held = [streams.open(owner("10.0.0.1", "s1"), limits, signal), streams.open(owner("10.0.0.1", "s1"), limits, signal)];
    expect(refusal(() => streams.open(owner("10.0.0.9", "s1"), limits, signal))).toBe("TOO_MANY_REQUESTS");
    held.push(streams.open(owner("10.0.0.1", "s2"), limits, signal));
    expect(refusal(() => streams.open(owner("10.0.0.1"), limits, signal))).toBe("TOO_MANY_REQUESTS");
    // Another address is not affected; a closed stream frees its place (closing twice frees it once).
    const elsewhere = streams.open(owner("10.0.0.2"), limits, signal);
    held[0]!.close();
    held[0]!.close();
    held.push(streams.open(owner("10.0.0.1"), limits, signal));
    expect(refusal(() => streams.open(owner("10.0.0.1"), limits, signal))).toBe("TOO_MANY_REQUESTS");
    for (const stream of [...held, elsewhere]) stream.close();
    expect(streams.size).toBe(0);
  });

  it("a stream's signal aborts when its request does", () => {
    const request = new AbortController();
    const stream = openStreams().open(owner("10.0.0.3"), limits, request.signal);
    expect(stream.signal.aborted).toBe(false);
    request.abort();
    expect(stream.signal.aborted).toBe(true);
    stream.close();
  });
});

describe("a stream's queue", () => {
  it("hands items out in order, and ends after the last one once ended", async () => {
    const queue = new EventQueue<number>(10, (newest) => [newest]);
    queue.push(1);
    queue.push(2);
    const taken: number[] = [];
    const reading = (async () => {
      for await (const item of queue) taken.push(item);
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    queue.push(3);
    queue.end();
    queue.push(4);
    await reading;
    expect(taken).toEqual([1, 2, 3]);
  });

  it("replaces the backlog of a reader that fell too far behind", async () => {
    const queue = new EventQueue<string>(3, (newest) => [`reset at ${newest}`]);
    for (const item of ["a", "b", "c", "d", "e"]) queue.push(item);
    queue.end();
    const taken: string[] = [];
    for await (const item of queue) taken.push(item);
    expect(taken).toEqual(["reset at d", "e"]);
  });
});
