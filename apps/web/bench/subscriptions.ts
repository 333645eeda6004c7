// The subscriptions benchmark (issue 12): 1,000 SSE readers of post.onChange on
// one server while a signed-in user creates a post every 100 ms. What it costs
// the server in memory per open stream, how long a post takes to reach every
// reader, and what the streams and posts take from ordinary requests, all
// measured in the same round.
import { setTimeout as sleep } from "node:timers/promises";

import { deliveredOf, fanOut, type FanOut } from "./fan-out-latency";
import { measure, type Sample } from "./measure";
import type { Scenario } from "./scenarios";
import type { MemoryReading, ServerMemory } from "./server-memory";
import type { Created, CreatorCommands, Failures, SubscriberCommands } from "./subscriptions-protocol";
import { BenchWorker } from "./worker-rpc";

export const SUBSCRIPTIONS_NAME = "subscriptions (`post.onChange`)";
export const STREAMS = 1_000;
/** Streams of the warm-up round: enough to compile every path, few enough to leave round 1's memory untouched. */
export const WARMUP_STREAMS = 100;
export const POST_EVERY_MS = 100;
/** The server's STREAM_LIMIT_PER_IP: every reader comes from 127.0.0.1; room for a round's streams while the server still closes the previous round's. */
export const STREAM_LIMIT_PER_IP = 2 * STREAMS;
// Threads reading the streams: with one, receipts late in a burst would measure the client.
export const SUBSCRIBER_THREADS = 4;
// A delivery not in after this long counts as lost.
const DRAIN_MS = 10_000;

export interface SubscriptionsSetup {
  url: string;
  /** The session cookie of the user who creates the posts. */
  creatorCookie: string;
  memory: ServerMemory;
  /** Request scenarios whose throughput is compared without and with the streams. */
  throughput: Scenario[];
}

/** One round's throughput of a request scenario, a post created every 100 ms in both. */
export interface Throughput {
  /** Nobody subscribed. */
  without: Sample;
  /** 1,000 streams open. */
  with: Sample;
}

export interface SubscriptionsRound {
  streams: number;
  /** The server with no stream open, and with every stream open and idle. */
  memory: { before: MemoryReading; open: MemoryReading };
  /** Posts and streams alone on the server. */
  fanOut: FanOut;
  /** The same while autocannon loads the server (the throughput scenarios). */
  underLoad: FanOut;
  throughput: Throughput[];
  /** The worst p99 of the reading threads' event-loop delay during the unloaded fan-out: the client's own lateness. */
  clientLoopDelayP99: number;
  /** Should all be 0: `reset` events, streams that ended by themselves, creates that failed. */
  resets: number;
  ended: number;
  failedCreates: Failures;
}

export class SubscriptionsBench {
  readonly #readers: BenchWorker<SubscriberCommands>[];
  readonly #creator: BenchWorker<CreatorCommands>;

  constructor(private readonly setup: SubscriptionsSetup) {
    const url = `${setup.url}/api/trpc/post.onChange`;
    this.#readers = Array.from(
      { length: SUBSCRIBER_THREADS },
      () => new BenchWorker(new URL("./sse-subscribers.ts", import.meta.url), { url }),
    );
    this.#creator = new BenchWorker(new URL("./post-creator.ts", import.meta.url), {
      url: setup.url,
      cookie: setup.creatorCookie,
      everyMs: POST_EVERY_MS,
    });
  }

  /** A few streams and posts, so that every path the rounds take is compiled; nothing is measured. */
  async warmUp(seconds: number, streams: number): Promise<void> {
    await this.#open(streams);
    await this.#posting(() => sleep(seconds * 1000));
    await this.#close();
  }

  async round(seconds: number): Promise<SubscriptionsRound> {
    const [without, postsOnly] = await this.#posting(() => this.#throughput(seconds));

    const before = await this.setup.memory.read();
    await this.#open(STREAMS);
    const open = await this.setup.memory.read();

    const [, alone] = await this.#posting(() => sleep(seconds * 1000));
    const unloaded = await this.#drain(alone.created, STREAMS);
    const [loaded, underLoad] = await this.#posting(() => this.#throughput(seconds));
    const drained = await this.#drain(underLoad.created, STREAMS);
    await this.#close();

    return {
      streams: STREAMS,
      memory: { before, open },
      fanOut: unloaded.fanOut,
      underLoad: drained.fanOut,
      throughput: without.map((sample, i) => ({ without: sample, with: loaded[i]! })),
      clientLoopDelayP99: unloaded.loopDelayP99,
      resets: unloaded.resets + drained.resets,
      ended: unloaded.ended + drained.ended,
      failedCreates: addFailures([postsOnly.failed, alone.failed, underLoad.failed]),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#readers, this.#creator].map((worker) => worker.terminate()));
  }

  async #open(streams: number): Promise<void> {
    await Promise.all(this.#readers.map((reader) => reader.call("open", streams / SUBSCRIBER_THREADS)));
  }

  async #close(): Promise<void> {
    await Promise.all(this.#readers.map((reader) => reader.call("close", undefined)));
    // What the warm-up's or a round's streams received and nobody collected.
    await Promise.all(this.#readers.map((reader) => reader.call("collect", undefined)));
  }

  async #throughput(seconds: number): Promise<Sample[]> {
    const samples: Sample[] = [];
    for (const scenario of this.setup.throughput) samples.push(await measure(this.setup.url, scenario, seconds));
    return samples;
  }

  /** Runs `during` while a post is created every 100 ms. */
  async #posting<T>(during: () => Promise<T>): Promise<[T, { created: Created[]; failed: Failures }]> {
    await this.#creator.call("start", undefined);
    const result = await during();
    return [result, await this.#creator.call("stop", undefined)];
  }

  /** Collects the receipts of `created` until every stream has every post, or DRAIN_MS has passed. */
  async #drain(created: Created[], streams: number) {
    const receipts = new Map<string, number[]>();
    let resets = 0;
    let ended = 0;
    let loopDelayP99 = 0;
    const deadline = Date.now() + DRAIN_MS;
    for (;;) {
      for (const collected of await Promise.all(this.#readers.map((reader) => reader.call("collect", undefined)))) {
        for (const [postId, times] of collected.byPost) receipts.set(postId, [...(receipts.get(postId) ?? []), ...times]);
        resets += collected.resets;
        ended += collected.ended;
        loopDelayP99 = Math.max(loopDelayP99, collected.loopDelayP99);
      }
      if (deliveredOf(created, receipts) >= created.length * streams || Date.now() > deadline) break;
      await sleep(100);
    }
    return { fanOut: fanOut(created, receipts, streams), resets, ended, loopDelayP99 };
  }
}

export function addFailures(all: Failures[]): Failures {
  const total: Failures = {};
  for (const failures of all) for (const [reason, count] of Object.entries(failures)) total[reason] = (total[reason] ?? 0) + count;
  return total;
}
