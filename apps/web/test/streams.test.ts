import { hashSessionToken } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE, signedInBrowser, startAuthApp, trpcMutation, trpcQuery, type AuthApp } from "./harness/auth-app";
import { Browser } from "./harness/browser";
import { SseStream, type FeedChange, type SessionNews } from "./harness/sse";
import { startNextServer, type NextServer } from "./next-server";

// Subscriptions over HTTP against the production server, read by a real
// EventSource: event order and ids, replay and reset, refusals, and streams
// ended by sign-out, revoke and expiry within a second.
const REPLAY_WINDOW_MS = 1_500;
const STREAMS_PER_IP = 8;
const database = await createTestDatabase();
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp({
    database,
    env: { FEED_REPLAY_WINDOW_MS: String(REPLAY_WINDOW_MS), STREAM_HEARTBEAT_MS: "500", STREAM_LIMIT_PER_IP: String(STREAMS_PER_IP) },
  });
});
afterAll(() => app?.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const signedIn = (userId?: string) => signedInBrowser(app, userId);

async function createPost(browser: Browser, title: string): Promise<string> {
  const created = await trpcMutation<{ id: string }>(browser, "post.create", { title, content: "c" });
  expect(created.status).toBe(200);
  return created.data!.id;
}

/** A stream, once the server has answered it. */
async function open(stream: SseStream): Promise<SseStream> {
  await expect.poll(() => stream.connected() + (stream.endedAt ? 1 : 0), { timeout: 5_000, interval: 10 }).toBeGreaterThan(0);
  return stream;
}

const feedFrom = async (browser: Browser, lastEventId?: string) => open(new SseStream(browser, "post.onChange", { lastEventId }));

async function feedPosition(browser: Browser): Promise<string> {
  const page = await trpcQuery<{ eventId: number }>(browser, "post.list", { limit: 1 });
  return String(page.data!.eventId);
}

describe("post.onChange over HTTP", () => {
  it("sends each change in order, tracked with increasing ids, and pings while idle", async () => {
    const { browser } = await signedIn();
    const reader = app.browser();
    const feed = await feedFrom(reader, await feedPosition(reader));
    const ids = [await createPost(browser, "One"), await createPost(browser, "Two"), await createPost(browser, "Three")];
    expect((await trpcMutation(browser, "post.delete", { id: ids[1] })).status).toBe(200);
    await expect.poll(() => feed.data().length, { timeout: 2_000 }).toBe(4);
    expect(
      feed.data<FeedChange>().map(({ data }) => (data.type === "created" ? data.post.id : `-${data.type === "deleted" ? data.id : ""}`)),
    ).toEqual([...ids, `-${ids[1]}`]);
    const eventIds = feed.data().map(({ id }) => Number(id));
    expect(eventIds.every((id, i) => Number.isInteger(id) && (i === 0 || id > eventIds[i - 1]!))).toBe(true);
    expect(feed.messages[0]!.event).toBe("connected");
    // STREAM_HEARTBEAT_MS is 500 here: an idle stream still hears from the server.
    const pings = () => feed.messages.filter((message) => message.event === "ping").length;
    const before = pings();
    await expect.poll(pings, { timeout: 2_000 }).toBeGreaterThan(before);
    feed.close();
  });

  it("replays the gap to a reader who comes back with its last event id, in the input or as Last-Event-ID", async () => {
    const { browser } = await signedIn();
    const reader = app.browser();
    const first = await feedFrom(reader, await feedPosition(reader));
    await createPost(browser, "Seen");
    await expect.poll(() => first.data().length, { timeout: 2_000 }).toBe(1);
    first.close();
    const lastSeen = first.data()[0]!.id;
    const missed = [await createPost(browser, "Missed 1"), await createPost(browser, "Missed 2")];

    const byInput = await feedFrom(reader, lastSeen);
    // What a browser's EventSource sends when it reconnects by itself.
    const byHeader = await open(new SseStream(reader, "post.onChange", undefined, { "Last-Event-ID": lastSeen }));
    for (const stream of [byInput, byHeader]) {
      await expect
        .poll(() => stream.data<FeedChange>().map(({ data }) => data.type === "created" && data.post.id), { timeout: 2_000 })
        .toEqual(missed);
    }
    const live = await createPost(browser, "Live");
    await expect
      .poll(() => byInput.data<FeedChange>().map(({ data }) => data.type === "created" && data.post.id), { timeout: 2_000 })
      .toEqual([...missed, live]);
    byInput.close();
    byHeader.close();
  });

  it("sends reset to a reader whose last event is older than the replay window", async () => {
    const { browser } = await signedIn();
    const reader = app.browser();
    const stream = await feedFrom(reader, await feedPosition(reader));
    await createPost(browser, "Long ago");
    await expect.poll(() => stream.data().length, { timeout: 2_000 }).toBe(1);
    stream.close();
    await pause(REPLAY_WINDOW_MS + 200);
    await createPost(browser, "While away");
    const back = await feedFrom(reader, stream.data()[0]!.id);
    await expect.poll(() => back.data<FeedChange>().map(({ data }) => data), { timeout: 2_000 }).toEqual([{ type: "reset" }]);
    back.close();
  });
});

describe("session-bound streams over HTTP", () => {
  it("answers an anonymous account.onSessionEvent with one UNAUTHORIZED error event, then ends the response", async () => {
    const response = await fetch(`${app.url}/api/trpc/account.onSessionEvent`);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const body = await response.text(); // resolves only because the server ends it
    const events = body.split("\n\n").filter((chunk) => chunk.includes("event: serialized-error"));
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('"code":"UNAUTHORIZED"');
    expect(events[0]).toContain('"httpStatus":401');
  });

  async function sessionStream(browser: Browser) {
    return open(new SseStream(browser, "account.onSessionEvent"));
  }

  function expectEndedWith(stream: SseStream, news: SessionNews, since: number) {
    expect(stream.data<SessionNews>().at(-1)?.data).toEqual(news);
    expect(stream.messages.at(-1)?.event).toBe("return");
    expect(stream.endedAt! - since).toBeLessThan(1_000);
    // Ended by the server with "return": the client does not come back.
    expect(stream.connections).toBe(1);
  }

  it("a sign-out through next-auth ends that session's stream within a second", async () => {
    const { browser } = await signedIn();
    const stream = await sessionStream(browser);
    const signOut = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrfToken() });
    const signedOutAt = Date.now();
    expect(signOut.status).toBe(302);
    await expect.poll(() => stream.endedAt, { timeout: 2_000, interval: 10 }).not.toBeNull();
    expectEndedWith(stream, { type: "signed_out", reason: "signed_out" }, signedOutAt);
  });

  it("a session revoked from another device has its stream ended within a second; the other device is told", async () => {
    const laptop = await signedIn();
    const phone = await signedIn(laptop.userId);
    const [onLaptop, onPhone] = [await sessionStream(laptop.browser), await sessionStream(phone.browser)];
    const phoneSession = await app.db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(phone.token) } });
    expect((await trpcMutation(laptop.browser, "session.revoke", { id: phoneSession.id })).status).toBe(200);
    const revokedAt = Date.now();
    await expect.poll(() => onPhone.endedAt, { timeout: 2_000, interval: 10 }).not.toBeNull();
    expectEndedWith(onPhone, { type: "signed_out", reason: "revoked" }, revokedAt);
    await expect
      .poll(() => onLaptop.data<SessionNews>().map(({ data }) => data), { timeout: 1_000 })
      .toEqual([{ type: "session_revoked", sessionId: phoneSession.id }]);
    onLaptop.close();
  });

  it(`refuses more than STREAM_LIMIT_PER_IP (${STREAMS_PER_IP} here) streams from one address with a 429 error event`, async () => {
    const reader = app.browser();
    const streams = await Promise.all(Array.from({ length: STREAMS_PER_IP }, () => feedFrom(reader)));
    const refused = await open(new SseStream(reader, "post.onChange"));
    expect(refused.messages.at(-1)).toMatchObject({
      event: "serialized-error",
      data: { data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } },
    });
    streams.pop()!.close();
    // The server frees the place when it sees the connection go. (Every probe is closed after, the one that got in too.)
    const probes: SseStream[] = [];
    const probe = async () => {
      const stream = new SseStream(reader, "post.onChange");
      probes.push(stream);
      return (await open(stream)).connected();
    };
    await expect.poll(probe, { timeout: 2_000, interval: 100 }).toBe(1);
    for (const stream of [...probes, ...streams]) stream.close();
  });
});

describe("a second server on the same database, whose sessions last two seconds after their last use", () => {
  let server: NextServer;
  beforeAll(async () => {
    server = await startNextServer({ DATABASE_URL: database.url, SESSION_MAX_AGE_SECONDS: "2" });
  });
  afterAll(() => server?.stop());

  it("ends a session's stream within a second of its expiry", async () => {
    const user = await insertUser(app.db);
    // Due for extension at once: connecting is its last use, and sets its expiry two seconds on.
    const token = await insertSession(app.db, user.id, new Date(Date.now() + 1_000));
    const browser = new Browser(server.url);
    await browser.jar.setCookie(`${SESSION_COOKIE}=${token}`, server.url);
    const stream = await open(new SseStream(browser, "account.onSessionEvent"));
    const { expires } = await app.db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } });
    await expect.poll(() => stream.endedAt, { timeout: 4_000, interval: 10 }).not.toBeNull();
    expect(stream.data<SessionNews>().map(({ data }) => data)).toEqual([{ type: "signed_out", reason: "expired" }]);
    expect(stream.endedAt! - expires.getTime()).toBeLessThan(1_000);
  });

  it("at shutdown ends its streams at once, so that it exits without waiting for them, and their clients reconnect", async () => {
    const stream = await open(new SseStream(new Browser(server.url), "post.onChange"));
    const started = Date.now();
    expect(await server.stop()).toBe(0);
    // SHUTDOWN_TIMEOUT_MS (10 s) is what an open stream would have held it.
    expect(Date.now() - started).toBeLessThan(2_000);
    // Not "return": the stream was cut, and the EventSource tries again, as it would through a load balancer.
    expect(stream.messages.map((message) => message.event)).not.toContain("return");
    await expect.poll(() => stream.connections, { timeout: 8_000 }).toBeGreaterThan(1);
    stream.close();
  });
});
