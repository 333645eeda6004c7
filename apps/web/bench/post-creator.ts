// A worker thread creating a post every `everyMs` as one signed-in user, through
// the real post.create over HTTP, timing each request's send and its answer.
// A thread of its own so that autocannon, in the main thread, never delays a create or its timing.
import { transformer } from "@gatehouse/api/transformer";

import { now } from "./clock";
import type { Created, CreatorCommands, CreatorData, Failures } from "./subscriptions-protocol";
import { benchWorkerData, serveCommands } from "./worker-rpc";

const { url, cookie, everyMs } = benchWorkerData<CreatorData>();
let created: Created[] = [];
let failed: Failures = {};
const inFlight = new Set<Promise<void>>();
let timer: NodeJS.Timeout | undefined;
let sequence = 0;

async function createPost(): Promise<void> {
  const title = `Fan-out post ${++sequence}`;
  const sentAt = now();
  try {
    const response = await fetch(`${url}/api/trpc/post.create`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(transformer.serialize({ title, content: "Created by the subscriptions benchmark's writer." })),
    });
    const body = (await response.json()) as { result?: { data: { json: { id: string } } } };
    const ackedAt = now();
    if (response.ok && body.result) created.push({ postId: body.result.data.json.id, sentAt, ackedAt });
    else fail(`HTTP ${response.status}`);
  } catch (error) {
    fail((error as Error).message);
  }
}

/** Why creates fail says whether the server or the bench is at fault: kept by reason. */
function fail(reason: string): void {
  failed[reason] = (failed[reason] ?? 0) + 1;
}

serveCommands<CreatorCommands>({
  start: () => {
    created = [];
    failed = {};
    // On a fixed timeline, not after each answer: a slow create does not slow the rate down.
    const start = now();
    let ticks = 0;
    const tick = () => {
      const request = createPost();
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
      ticks += 1;
      timer = setTimeout(tick, Math.max(0, start + ticks * everyMs - now()));
    };
    tick();
  },
  stop: async () => {
    clearTimeout(timer);
    await Promise.all(inFlight);
    return { created, failed };
  },
});
