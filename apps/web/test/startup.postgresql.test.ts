import { setTimeout as sleep } from "node:timers/promises";

import { createTestDatabase } from "@gatehouse/db/testing";
import { afterAll, expect, it } from "vitest";

import { statusOverNewConnection } from "./harness/http-probe";
import { startListenHoldingProxy } from "./harness/listen-holding-proxy";
import { freePort, spawnNext, stopProcessGroup, TEST_SECRET } from "./next-server";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

// An instance that served before its LISTEN took effect could cache a session or start a stream, then miss the
// change another instance announces meanwhile. It must open its port only once it hears the others.
it("opens its port only once its LISTEN is in effect", async () => {
  const proxy = await startListenHoldingProxy(testDb.url);
  const port = await freePort();
  const health = `http://127.0.0.1:${port}/api/health`;
  const server = spawnNext(port, { DATABASE_URL: proxy.url, NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXTAUTH_SECRET: TEST_SECRET });
  try {
    const exited = server.exited.then((code) => `exited with ${code}`);
    expect(await Promise.race([proxy.listenHeld.then(() => "LISTEN held"), exited]), server.output()).toBe("LISTEN held");
    // The rest of the start takes far less: with the wait for the LISTEN removed, the first probe gets a 200.
    for (const started = Date.now(); Date.now() - started < 3_000; await sleep(100)) {
      expect(await statusOverNewConnection(health), server.output()).toBe("refused");
    }
    proxy.release();
    await expect.poll(() => statusOverNewConnection(health), { timeout: 30_000, interval: 100 }).toBe(200);
  } finally {
    await stopProcessGroup(server);
    await proxy.close();
  }
}, 60_000);
