// A worker thread holding its share of the benchmark's SSE streams on post.onChange:
// raw HTTP, parsed as a browser's EventSource would (eventsource-parser), each
// created post's arrival timed on the bench's clock before anything else is done with it.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

import { createParser } from "eventsource-parser";

import { now } from "./clock";
import type { Receipts, SubscriberCommands, SubscribersData } from "./subscriptions-protocol";
import { benchWorkerData, serveCommands } from "./worker-rpc";

/** What post.onChange's `data:` carries: superjson's `{ json }`, of which only the kind and the post id matter here. */
type WireChange = { json: { type: "created"; post: { id: string } } | { type: "deleted" } | { type: "reset" } };

// Streams opened at once by this worker: enough to be quick, few enough not to overflow the server's accept queue.
const OPENING_AT_ONCE = 25;

const { url } = benchWorkerData<SubscribersData>();
const streams = new Set<http.ClientRequest>();
let closing = false;
let receipts: Receipts = { byPost: new Map(), resets: 0, ended: 0, loopDelayP99: 0 };
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

function record(change: WireChange["json"], at: number): void {
  if (change.type === "reset") receipts.resets += 1;
  if (change.type !== "created") return;
  const times = receipts.byPost.get(change.post.id);
  if (times) times.push(at);
  else receipts.byPost.set(change.post.id, [at]);
}

/** One stream; resolves when the server has sent `connected`. */
function openStream(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`post.onChange answered ${response.statusCode}`));
        return;
      }
      let arrivedAt = 0;
      const parser = createParser({
        onEvent: ({ event, data }) => {
          if (event === "connected") resolve();
          else if (event === undefined) record((JSON.parse(data) as WireChange).json, arrivedAt);
        },
      });
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        arrivedAt = now();
        parser.feed(chunk);
      });
    });
    streams.add(request);
    request.on("error", reject);
    request.on("close", () => {
      streams.delete(request);
      if (!closing) receipts.ended += 1;
    });
  });
}

serveCommands<SubscriberCommands>({
  open: async (count) => {
    closing = false;
    let next = 0;
    const opener = async () => {
      while (next < count) {
        next += 1;
        await openStream();
      }
    };
    await Promise.all(Array.from({ length: OPENING_AT_ONCE }, opener));
    loopDelay.reset();
  },
  collect: () => {
    const collected = { ...receipts, loopDelayP99: loopDelay.percentile(99) / 1e6 };
    receipts = { byPost: new Map(), resets: 0, ended: 0, loopDelayP99: 0 };
    loopDelay.reset();
    return collected;
  },
  close: async () => {
    closing = true;
    const closed = [...streams].map((request) => new Promise((resolve) => request.once("close", resolve)));
    for (const request of streams) request.destroy();
    await Promise.all(closed);
  },
});
