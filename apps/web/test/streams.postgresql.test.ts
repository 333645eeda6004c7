import { hashSessionToken } from "@gatehouse/db";
import { createTestDatabase } from "@gatehouse/db/testing";
import { startPrivatePostgres } from "@gatehouse/db/testing/postgres-server";
import { afterAll, beforeAll, expect, it } from "vitest";

import { signedInBrowser, startAuthApp, trpcMutation, trpcQuery, type AuthApp } from "./harness/auth-app";
import type { Browser } from "./harness/browser";
import { SseStream, type FeedChange, type SessionNews } from "./harness/sse";

// Two production servers on one PostgreSQL behind a load balancer: a stream on
// one instance hears what happens on the other, and keeps hearing it after
// PostgreSQL restarts. PostgreSQL is a server of this file's own, to restart.
const postgres = await startPrivatePostgres();
let app: AuthApp;
const [A, B] = [0, 1];
beforeAll(async () => {
  app = await startAuthApp({ instances: 2, database: await createTestDatabase("postgresql", { server: postgres.url }) });
});
afterAll(async () => {
  postgres.start();
  await app?.stop();
  postgres.destroy();
});

/** The next requests (and connections) go to this instance. */
const on = (instance: number) => app.balancer!.pin(instance);

const signedIn = (userId?: string) => signedInBrowser(app, userId);

async function openOn(instance: number, browser: Browser, procedure: string, input?: unknown): Promise<SseStream> {
  on(instance);
  const stream = new SseStream(browser, procedure, input);
  await expect.poll(() => stream.connected(), { timeout: 5_000, interval: 10 }).toBe(1);
  return stream;
}

async function createOn(instance: number, browser: Browser, title: string): Promise<{ id: string; ackedAt: number }> {
  on(instance);
  const created = await trpcMutation<{ id: string }>(browser, "post.create", { title, content: "c" });
  expect(created.status).toBe(200);
  return { id: created.data!.id, ackedAt: Date.now() };
}

const createdIds = (stream: SseStream) => stream.data<FeedChange>().flatMap(({ data }) => (data.type === "created" ? [data.post.id] : []));

it("a post created on A reaches a subscriber on B within a second", async () => {
  const { browser } = await signedIn();
  const feed = await openOn(B, app.browser(), "post.onChange");
  const { id, ackedAt } = await createOn(A, browser, "Written on A");
  await expect.poll(() => createdIds(feed), { timeout: 1_000, interval: 10 }).toEqual([id]);
  expect(feed.data()[0]!.at - ackedAt).toBeLessThan(1_000);
  feed.close();
});

it("a session revoked on A ends its stream on B within a second", async () => {
  const laptop = await signedIn();
  const phone = await signedIn(laptop.userId);
  const stream = await openOn(B, phone.browser, "account.onSessionEvent");
  const phoneSession = await app.db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(phone.token) } });
  on(A);
  expect((await trpcMutation(laptop.browser, "session.revoke", { id: phoneSession.id })).status).toBe(200);
  const revokedAt = Date.now();
  await expect.poll(() => stream.endedAt, { timeout: 1_000, interval: 10 }).not.toBeNull();
  expect(stream.endedAt! - revokedAt).toBeLessThan(1_000);
  expect(stream.data<SessionNews>().map(({ data }) => data)).toEqual([{ type: "signed_out", reason: "revoked" }]);
});

it("after PostgreSQL restarts, the listeners come back and no event raised after that is lost", async () => {
  const { browser } = await signedIn();
  const reader = app.browser();
  on(B);
  const { eventId } = (await trpcQuery<{ eventId: number }>(reader, "post.list", { limit: 1 })).data!;
  const feed = await openOn(B, reader, "post.onChange", { lastEventId: String(eventId) });
  // Live: past its replay, which would fail (and be retried) if the database went away during it.
  const before = await createOn(A, browser, "Before the restart");
  await expect.poll(() => createdIds(feed), { timeout: 2_000, interval: 10 }).toEqual([before.id]);

  postgres.stop();
  postgres.start();
  // Each instance answers again (its pool reconnects by itself)...
  for (const instance of [A, B]) {
    on(instance);
    await expect
      .poll(async () => (await trpcQuery(reader, "post.list", { limit: 1 })).status, { timeout: 15_000, interval: 100 })
      .toBe(200);
  }
  // ...and posts written on A from now on all reach the stream opened on B before the restart, in order.
  const written: string[] = [];
  for (let i = 0; i < 10; i += 1) written.push((await createOn(A, browser, `After the restart ${i}`)).id);
  await expect.poll(() => createdIds(feed), { timeout: 10_000, interval: 50 }).toEqual([before.id, ...written]);
  // B's listener is back, not just its 5-second catch-up poll: each of these arrives within half a second.
  for (let i = 0; i < 3; i += 1) {
    const { id, ackedAt } = await createOn(A, browser, `Heard at once ${i}`);
    await expect.poll(() => createdIds(feed).at(-1), { timeout: 500, interval: 10 }).toBe(id);
    expect(feed.data().at(-1)!.at - ackedAt).toBeLessThan(500);
  }
  // The stream stayed open throughout: the restart was the database's, not the client's.
  expect(feed.connections).toBe(1);
  feed.close();
});
