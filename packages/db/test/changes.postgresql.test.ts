import { afterAll, expect, it, onTestFinished } from "vitest";

import { createDb } from "../src/client";
import { startPrivatePostgres } from "../src/postgres-server";
import { changesOf, closeDatabase } from "../src/services";
import { createTestDatabase } from "../src/testing";

// Two instances (two clients) on one database: LISTEN/NOTIFY between them, and
// what happens when PostgreSQL restarts under them (a server of our own).
const server = await startPrivatePostgres();
const testDb = await createTestDatabase("postgresql", { server: server.url });
const other = createDb(testDb.url);
afterAll(async () => {
  server.start();
  await closeDatabase(other);
  await testDb.drop();
  server.destroy();
});

const [a, b] = [changesOf(testDb.db), changesOf(other)];

function inbox(changes: typeof a, topic: string) {
  const got: unknown[] = [];
  changes.subscribe(topic, (payload) => got.push(payload));
  return got;
}

/** How often `changes` reports "missed" from now on, until the test ends. */
function missedCount(changes: typeof a): () => number {
  let count = 0;
  onTestFinished(changes.onMissed(() => (count += 1)));
  return () => count;
}

it("a notice published on one instance reaches the other within a second", async () => {
  const onB = inbox(b, "sessions");
  await b.listening();
  const sent = Date.now();
  await a.publish("sessions", { userId: "u1" });
  await expect.poll(() => onB, { timeout: 1_000, interval: 10 }).toEqual([{ userId: "u1" }]);
  expect(Date.now() - sent).toBeLessThan(1_000);
});

it("a notice published before the listener's LISTEN took effect is reported as missed, if it does not arrive", async () => {
  const late = createDb(testDb.url);
  try {
    const changes = changesOf(late);
    await a.publish("warm-up", null); // the publisher's pool is connected: its next NOTIFY is quicker than a LISTEN
    const missed = missedCount(changes);
    const heard = inbox(changes, "late");
    await a.publish("late", { postId: "early" });
    await expect.poll(() => heard.length + missed(), { timeout: 2_000, interval: 10 }).toBeGreaterThan(0);
  } finally {
    await closeDatabase(late);
  }
});

it("a new topic on an instance that listens already is heard at once, with nothing reported missed", async () => {
  await b.listening();
  const missed = missedCount(b);
  const onB = inbox(b, "news");
  await a.publish("news", { postId: "at once" });
  await expect.poll(() => onB, { timeout: 1_000, interval: 10 }).toEqual([{ postId: "at once" }]);
  expect(missed()).toBe(0);
});

it("a notice that is not one of ours (a NOTIFY by hand) is ignored as a possibly lost one, and the next ones still arrive", async () => {
  const onB = inbox(b, "posts");
  await b.listening();
  const missed = missedCount(b);

  for (const text of ["not json", "null", "{}", '{"origin":"x","payload":1}'])
    await testDb.db.$executeRaw`SELECT pg_notify('gatehouse_changes', ${text})`;
  await a.publish("posts", { postId: "after" });
  await expect.poll(() => onB, { timeout: 1_000, interval: 10 }).toEqual([{ postId: "after" }]);
  expect(missed()).toBe(4);
});

it("after a PostgreSQL restart the listener comes back by itself, says what may be missed, and loses nothing sent later", async () => {
  const onB = inbox(b, "feed");
  await b.listening();
  const missed = missedCount(b);

  server.stop();
  await a.publish("feed", { lost: true }); // cannot reach anyone: logged, not thrown
  server.start();
  await expect.poll(missed, { timeout: 10_000 }).toBe(1);

  await a.publish("feed", { postId: "p1" });
  await expect.poll(() => onB, { timeout: 1_000, interval: 10 }).toEqual([{ postId: "p1" }]);
});
