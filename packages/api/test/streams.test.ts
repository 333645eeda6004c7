import { announceSessionChange, createAuthOptions } from "@gatehouse/auth";
import { hashSessionToken, type User } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REPLAY_MAX_EVENTS } from "../src/streams/feed-hub";
import { httpClientFactory, sessionCookie, TRANSPORTS, type Network } from "./http-client";
import { collect, started } from "./subscriptions";

// Subscriptions through the real fetch handler and a real EventSource (tRPC's
// httpSubscriptionLink), on a real database: what the feed's readers and a
// signed-in person's devices are told, and when their streams end.
const testDb = await createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

// Every test runs over both transports: tRPC's (next dev) and the production server's (sse-transport.ts).
const clients = Object.fromEntries(TRANSPORTS.map((transport) => [transport, httpClientFactory(db, {}, transport)]));
let client = clients.fetch!;

async function signedIn(user?: User) {
  const who = user ?? (await insertUser(db));
  const token = await insertSession(db, who.id);
  return { user: who, token, api: client(sessionCookie(token)) };
}

type FeedEnvelope = {
  id: string;
  data: { type: "created"; post: { id: string; title: string } } | { type: "deleted"; id: string } | { type: "reset" };
};

function watchFeed(lastEventId?: string | null, headers: Record<string, string> = {}) {
  return collect<FeedEnvelope>((handlers) => client(headers).post.onChange.subscribe({ lastEventId }, handlers));
}

describe.each(TRANSPORTS)("over the %s transport", (transport) => {
  beforeAll(() => {
    client = clients[transport]!;
  });

  describe("post.onChange", () => {
    it("tells readers of each post created and deleted, in order, with increasing event ids", async () => {
      const { api } = await signedIn();
      const feed = watchFeed();
      await started(feed);
      const first = await api.post.create.mutate({ title: "First", content: "c" });
      const second = await api.post.create.mutate({ title: "Second", content: "c" });
      await api.post.delete.mutate({ id: first.id });
      await expect.poll(() => feed.values.length, { timeout: 2_000 }).toBe(3);
      feed.stop();
      expect(feed.values.map((event) => event.data)).toMatchObject([
        { type: "created", post: { id: first.id, title: "First" } },
        { type: "created", post: { id: second.id, title: "Second" } },
        { type: "deleted", id: first.id },
      ]);
      const ids = feed.values.map((event) => Number(event.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(3);
    });

    it("tells readers of each post a deleted account took with it, and the cached feed drops them", async () => {
      const { api, user } = await signedIn();
      const ids = [
        (await api.post.create.mutate({ title: "A", content: "c" })).id,
        (await api.post.create.mutate({ title: "B", content: "c" })).id,
      ];
      const listed = async () => (await client().post.list.query({})).items.map((post) => post.id);
      expect(await listed()).toEqual(expect.arrayContaining(ids)); // now in the feed cache
      const feed = watchFeed();
      await started(feed);
      await createAuthOptions({ db }).adapter!.deleteUser!(user.id);
      await expect.poll(() => feed.values.length, { timeout: 2_000 }).toBe(2);
      feed.stop();
      // One event per post, in whatever order the DELETE returned them.
      expect(feed.values.map((event) => event.data)).toEqual(expect.arrayContaining(ids.map((id) => ({ type: "deleted", id }))));
      expect((await listed()).filter((id) => ids.includes(id))).toEqual([]);
    });

    it("replays what a reader missed after its last event id, then carries on live", async () => {
      const { api } = await signedIn();
      const { eventId } = await api.post.list.query();
      const missed = [
        await api.post.create.mutate({ title: "Missed 1", content: "c" }),
        await api.post.create.mutate({ title: "Missed 2", content: "c" }),
      ];
      const feed = watchFeed(String(eventId));
      await expect.poll(() => feed.values.length, { timeout: 2_000 }).toBe(2);
      const live = await api.post.create.mutate({ title: "Live", content: "c" });
      await expect.poll(() => feed.values.length, { timeout: 2_000 }).toBe(3);
      feed.stop();
      expect(feed.values.map((event) => event.data.type === "created" && event.data.post.id)).toEqual([
        missed[0]!.id,
        missed[1]!.id,
        live.id,
      ]);
    });

    it("sends reset when the gap is older than the replay window, unknown, or too long to replay", async () => {
      const { api } = await signedIn();
      const old = await api.post.create.mutate({ title: "Old", content: "c" });
      const oldEvent = await db.feedEvent.findFirstOrThrow({ where: { postId: old.id } });
      await api.post.create.mutate({ title: "Since", content: "c" });
      // Seen eleven minutes ago: beyond FEED_REPLAY_WINDOW_MS (ten).
      await db.feedEvent.update({ where: { id: oldEvent.id }, data: { at: new Date(Date.now() - 11 * 60_000) } });
      const stale = watchFeed(String(oldEvent.id));
      const unknown = watchFeed("987654321");
      await expect
        .poll(() => [stale.values[0]?.data, unknown.values[0]?.data], { timeout: 2_000 })
        .toEqual([{ type: "reset" }, { type: "reset" }]);
      stale.stop();
      unknown.stop();

      // A reader who stays: it holds this instance's position in the feed at its last event.
      const holder = watchFeed();
      await started(holder);
      const { eventId } = await api.post.list.query();
      const held = await api.post.create.mutate({ title: "Held", content: "c" });
      await expect
        .poll(() => holder.values.some(({ data }) => data.type === "created" && data.post.id === held.id), { timeout: 2_000 })
        .toBe(true);
      // Events whose notice has not arrived yet (none is sent here): the instance has not handed them out.
      const author = await insertUser(db);
      const post = await db.post.create({ data: { authorId: author.id, title: "Busy", content: "c" } });
      await db.feedEvent.createMany({ data: Array.from({ length: REPLAY_MAX_EVENTS + 1 }, () => ({ type: "created", postId: post.id })) });
      const tooFar = watchFeed(String(eventId));
      await expect.poll(() => tooFar.values[0]?.data, { timeout: 2_000 }).toEqual({ type: "reset" });
      tooFar.stop();
      // After a reset, the reader's position is the reset's id, the newest event's: reconnecting from it replays
      // nothing twice, even the events still unannounced.
      const fromReset = watchFeed(tooFar.values[0]!.id);
      await started(fromReset);
      const next = await api.post.create.mutate({ title: "After the reset", content: "c" });
      await expect
        .poll(() => fromReset.values.map((event) => event.data), { timeout: 2_000 })
        .toMatchObject([{ type: "created", post: { id: next.id } }]);
      expect(fromReset.values).toHaveLength(1);
      fromReset.stop();
      holder.stop();
    });

    it.each(["not-an-id", "99999999999"])("refuses the last event id %j with the zod issue", async (lastEventId) => {
      const feed = watchFeed(lastEventId);
      await expect.poll(() => feed.error?.data?.code, { timeout: 2_000 }).toBe("BAD_REQUEST");
      expect(feed.error?.message).toContain("lastEventId is an event id");
    });

    it("carries on for a signed-in reader whose session ends", async () => {
      const { token } = await signedIn();
      const feed = watchFeed(null, sessionCookie(token));
      await started(feed);
      await db.session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
      await announceSessionChange(db, { tokenHash: hashSessionToken(token), reason: "signed_out" });
      const { api } = await signedIn();
      const after = await api.post.create.mutate({ title: "After the sign-out", content: "c" });
      await expect.poll(() => feed.values.at(-1)?.data, { timeout: 2_000 }).toMatchObject({ type: "created", post: { id: after.id } });
      expect(feed.completed).toBe(false);
      feed.stop();
    });
  });

  type SessionNews = { type: string; reason?: string; sessionId?: string; role?: string };

  function watchSessions(token: string, network?: Network) {
    return collect<SessionNews>((handlers) => client(sessionCookie(token), network).account.onSessionEvent.subscribe(undefined, handlers));
  }

  /** The stream ended by the server, within a second of `since`, with `last` as its last news. */
  async function expectEnded(stream: ReturnType<typeof watchSessions>, since: number, last: SessionNews) {
    // `since` may be ahead (an expiry): wait for it, then for the bound with room to spare.
    await expect.poll(() => stream.completed, { timeout: Math.max(0, since - Date.now()) + 2_000, interval: 10 }).toBe(true);
    expect(stream.error).toBeNull();
    expect(stream.values.at(-1)).toEqual(last);
    expect(stream.endedAt! - since).toBeLessThan(1_000);
  }

  describe("account.onSessionEvent", () => {
    it("refuses an anonymous caller with one UNAUTHORIZED, and the client does not retry", async () => {
      const network: Network = { requests: 0 };
      const stream = collect<SessionNews>((handlers) => client({}, network).account.onSessionEvent.subscribe(undefined, handlers));
      await expect.poll(() => stream.error?.data?.code, { timeout: 2_000 }).toBe("UNAUTHORIZED");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(network.requests).toBe(1);
      expect(stream.values).toEqual([]);
    });

    it("ends a device's stream within a second of its session being revoked from another, and tells the other", async () => {
      const { user, token: laptop, api } = await signedIn();
      const phone = await insertSession(db, user.id);
      const [onLaptop, onPhone] = [watchSessions(laptop), watchSessions(phone)];
      await Promise.all([started(onLaptop), started(onPhone)]);
      const phoneSession = await db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(phone) } });
      const revokedAt = Date.now();
      await api.session.revoke.mutate({ id: phoneSession.id });
      await expectEnded(onPhone, revokedAt, { type: "signed_out", reason: "revoked" });
      await expect.poll(() => onLaptop.values, { timeout: 1_000 }).toEqual([{ type: "session_revoked", sessionId: phoneSession.id }]);
      expect(onLaptop.completed).toBe(false);
      onLaptop.stop();
    });

    it("signing out everywhere else ends the other devices' streams and tells this one", async () => {
      const { user, token, api } = await signedIn();
      const others = [await insertSession(db, user.id), await insertSession(db, user.id)].map((other) => watchSessions(other));
      const here = watchSessions(token);
      await Promise.all([...others, here].map(started));
      const at = Date.now();
      await api.session.revokeOthers.mutate();
      for (const other of others) await expectEnded(other, at, { type: "signed_out", reason: "revoked" });
      await expect.poll(() => here.values, { timeout: 1_000 }).toEqual([{ type: "signed_out_everywhere" }]);
      here.stop();
    });

    it("a sign-out ends that session's streams (every tab of the browser)", async () => {
      const { token } = await signedIn();
      const tabs = [watchSessions(token), watchSessions(token)];
      await Promise.all(tabs.map(started));
      const at = Date.now();
      // What next-auth's sign-out does through the adapter: delete the row, announce it.
      await db.session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
      await announceSessionChange(db, { tokenHash: hashSessionToken(token), reason: "signed_out" });
      for (const tab of tabs) await expectEnded(tab, at, { type: "signed_out", reason: "signed_out" });
    });

    it("tells of a role change, and a disabled account ends its streams", async () => {
      const admin = await signedIn(await insertUser(db, { role: "ADMIN" }));
      const { user, token } = await signedIn();
      const stream = watchSessions(token);
      await started(stream);
      await admin.api.admin.setRole.mutate({ userId: user.id, role: "ADMIN" });
      await expect.poll(() => stream.values, { timeout: 1_000 }).toEqual([{ type: "role_changed", role: "ADMIN" }]);
      const at = Date.now();
      await admin.api.admin.setUserDisabled.mutate({ userId: user.id, disabled: true });
      await expectEnded(stream, at, { type: "signed_out", reason: "disabled" });
    });

    it("ends a stream whose session ended unannounced just before the stream began, its lookup answered by the cache", async () => {
      const cached = httpClientFactory(db, { sessionCache: { ttlMs: 60_000, max: 100 } }, transport);
      const { token } = await signedIn();
      await cached(sessionCookie(token)).auth.me.query(); // the session is in the cache now
      // As when a sign-out's notice and the stream's start cross: the row is gone, no notice comes after.
      await db.session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
      const at = Date.now();
      const stream = collect<SessionNews>((handlers) => cached(sessionCookie(token)).account.onSessionEvent.subscribe(undefined, handlers));
      await expectEnded(stream, at, { type: "signed_out", reason: "revoked" });
    });

    it("ends a stream when its session expires", async () => {
      // Sessions that last five seconds after their last use (connecting is the last use): long enough to connect
      // on a loaded machine before the session is over.
      const shortLived = httpClientFactory(db, { sessionMaxAgeSeconds: 5 }, transport);
      const token = await insertSession(db, (await insertUser(db)).id, new Date(Date.now() + 5_000));
      const stream = collect<SessionNews>((handlers) =>
        shortLived(sessionCookie(token)).account.onSessionEvent.subscribe(undefined, handlers),
      );
      await started(stream);
      const { expires } = await db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } });
      expect(expires.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
      await expectEnded(stream, expires.getTime(), { type: "signed_out", reason: "expired" });
    });

    it("allows STREAM_LIMIT_PER_SESSION open streams per session, and refuses the next with TOO_MANY_REQUESTS", async () => {
      const { token } = await signedIn();
      const open = Array.from({ length: 10 }, () => watchSessions(token));
      await Promise.all(open.map(started));
      const network: Network = { requests: 0 };
      const refused = watchSessions(token, network);
      await expect.poll(() => refused.error?.data?.code, { timeout: 2_000 }).toBe("TOO_MANY_REQUESTS");
      expect(refused.error?.data?.httpStatus).toBe(429);
      // One closes: there is room again.
      open.pop()!.stop();
      const again = watchSessions(token);
      await started(again);
      for (const stream of [...open, again]) stream.stop();
    });
  });

  describe("admin.onStats", () => {
    it("sends the counts at once and again when they change, and ends when the admin is demoted", async () => {
      const admin = await signedIn(await insertUser(db, { role: "ADMIN" }));
      const stream = collect<{ users: number; posts: number; sessions: number }>((handlers) =>
        admin.api.admin.onStats.subscribe(undefined, handlers),
      );
      await expect.poll(() => stream.values.length, { timeout: 2_000 }).toBe(1);
      const before = stream.values[0]!;
      expect(before).toEqual({
        users: await db.user.count(),
        posts: await db.post.count(),
        sessions: await db.session.count({ where: { expires: { gt: new Date() } } }),
      });
      await admin.api.post.create.mutate({ title: "Counted", content: "c" });
      await expect.poll(() => stream.values.at(-1)?.posts, { timeout: 2_000 }).toBe(before.posts + 1);

      const other = await signedIn(await insertUser(db, { role: "ADMIN" }));
      await other.api.admin.setRole.mutate({ userId: admin.user.id, role: "USER" });
      await expect.poll(() => stream.completed, { timeout: 1_000 }).toBe(true);
    });

    it("a watcher who comes after everyone left hears the next change, even back to counts heard before", async () => {
      const admin = await signedIn(await insertUser(db, { role: "ADMIN" }));
      const watch = () => collect<{ posts: number }>((handlers) => admin.api.admin.onStats.subscribe(undefined, handlers));
      const first = watch();
      await expect.poll(() => first.values.length, { timeout: 2_000 }).toBe(1);
      const posts = first.values[0]!.posts;
      const post = await admin.api.post.create.mutate({ title: "Heard by the first", content: "c" });
      await expect.poll(() => first.values.at(-1)?.posts, { timeout: 2_000 }).toBe(posts + 1);
      first.stop();
      await admin.api.post.delete.mutate({ id: post.id });

      const second = watch();
      await expect.poll(() => second.values.at(-1)?.posts, { timeout: 2_000 }).toBe(posts);
      await admin.api.post.create.mutate({ title: "Heard by the second", content: "c" });
      await expect.poll(() => second.values.at(-1)?.posts, { timeout: 2_000 }).toBe(posts + 1);
      second.stop();
    });

    it("is for admins only", async () => {
      const { api } = await signedIn();
      const stream = collect((handlers) => api.admin.onStats.subscribe(undefined, handlers));
      await expect.poll(() => stream.error?.data?.code, { timeout: 2_000 }).toBe("FORBIDDEN");
    });
  });
});
