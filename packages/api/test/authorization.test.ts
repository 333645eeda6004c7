import { hashSessionToken, type Db } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import type { TRPCClientError } from "@trpc/client";
import type { Unsubscribable } from "@trpc/server/observable";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appRouter, type AppRouter } from "../src";
import { httpClientFactory, sessionCookie } from "./http-client";

// Who may call what: every procedure against every kind of caller, over the
// real HTTP handler with real sessions. One table: a procedure without an
// entry fails the first test, so nothing new ships unexamined.
const testDb = await createTestDatabase();
const db: Db = testDb.db;
afterAll(() => testDb.drop());
const client = httpClientFactory(db, { sessionCache: { ttlMs: 0, max: 1 } });

type Caller = "anonymous" | "user" | "otherUser" | "admin" | "disabledUser";
type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
type Api = ReturnType<typeof client>;

interface World {
  ids: Record<Exclude<Caller, "anonymous">, string>;
  /** A fresh post of `user`'s, for calls that delete one. */
  postOfUser: () => Promise<string>;
  /** A fresh second session of `user`'s, for calls that revoke one. */
  sessionOfUser: () => Promise<string>;
}

const EVERYONE: Record<Caller, Outcome> = { anonymous: "ok", user: "ok", otherUser: "ok", admin: "ok", disabledUser: "ok" };
const SIGNED_IN: Record<Caller, Outcome> = { ...EVERYONE, anonymous: "UNAUTHORIZED", disabledUser: "UNAUTHORIZED" };
const ADMINS: Record<Caller, Outcome> = { ...SIGNED_IN, user: "FORBIDDEN", otherUser: "FORBIDDEN" };

const MATRIX: Record<string, { call: (api: Api, world: World) => Promise<unknown>; expected: Record<Caller, Outcome> }> = {
  "auth.getSession": { call: (api) => api.auth.getSession.query(), expected: EVERYONE },
  "auth.me": { call: (api) => api.auth.me.query(), expected: SIGNED_IN },
  "auth.serviceToken": { call: (api) => api.auth.serviceToken.mutate({ audience: "billing" }), expected: SIGNED_IN },
  "post.list": { call: (api) => api.post.list.query(), expected: EVERYONE },
  "post.byId": { call: async (api, w) => api.post.byId.query({ id: await w.postOfUser() }), expected: EVERYONE },
  "post.create": { call: (api) => api.post.create.mutate({ title: "matrix", content: "c" }), expected: SIGNED_IN },
  "post.delete": {
    call: async (api, w) => api.post.delete.mutate({ id: await w.postOfUser() }),
    expected: { ...SIGNED_IN, otherUser: "FORBIDDEN" },
  },
  "admin.stats": { call: (api) => api.admin.stats.query(), expected: ADMINS },
  "admin.users": { call: (api) => api.admin.users.query(), expected: ADMINS },
  "admin.auditLog": { call: (api) => api.admin.auditLog.query(), expected: ADMINS },
  "admin.setRole": { call: (api, w) => api.admin.setRole.mutate({ userId: w.ids.otherUser, role: "USER" }), expected: ADMINS },
  "admin.setUserDisabled": {
    call: (api, w) => api.admin.setUserDisabled.mutate({ userId: w.ids.otherUser, disabled: false }),
    expected: ADMINS,
  },
  "session.list": { call: (api) => api.session.list.query(), expected: SIGNED_IN },
  // Only one's own sessions: another's id is NOT_FOUND, for admins too.
  "session.revoke": {
    call: async (api, w) => api.session.revoke.mutate({ id: await w.sessionOfUser() }),
    expected: { ...SIGNED_IN, otherUser: "NOT_FOUND", admin: "NOT_FOUND" },
  },
  "session.revokeOthers": { call: (api) => api.session.revokeOthers.mutate(), expected: SIGNED_IN },
  "post.onChange": { call: (api) => subscribed((handlers) => api.post.onChange.subscribe(undefined, handlers)), expected: EVERYONE },
  "account.onSessionEvent": {
    call: (api) => subscribed((handlers) => api.account.onSessionEvent.subscribe(undefined, handlers)),
    expected: SIGNED_IN,
  },
  "admin.onStats": { call: (api) => subscribed((handlers) => api.admin.onStats.subscribe(undefined, handlers)), expected: ADMINS },
};

// A refusal follows the stream's "connected" event at once, in the same response; a stream still open
// this long after it was let in.
const SETTLE_MS = 300;

/** Resolves once a subscription is let in (its first value, or open and not refused), rejects with its refusal. */
function subscribed(
  subscribe: (handlers: { onStarted: () => void; onData: () => void; onError: (error: Error) => void }) => Unsubscribable,
) {
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (settle: () => void) => {
      clearTimeout(timer);
      subscription.unsubscribe();
      settle();
    };
    const subscription = subscribe({
      onStarted: () => (timer = setTimeout(() => done(resolve), SETTLE_MS)),
      onData: () => done(resolve),
      onError: (error) => done(() => reject(error)),
    });
  });
}

const procedures = Object.keys(appRouter._def.procedures).sort();
let world: World;
const apis = {} as Record<Caller, Api>;

beforeAll(async () => {
  const make = async (role?: "ADMIN") => {
    const user = await insertUser(db, { role });
    return { id: user.id, cookie: await insertSession(db, user.id) };
  };
  const [user, otherUser, admin, disabledUser] = [await make(), await make(), await make("ADMIN"), await make()];
  await db.user.update({ where: { id: disabledUser.id }, data: { disabledAt: new Date() } });
  world = {
    ids: { user: user.id, otherUser: otherUser.id, admin: admin.id, disabledUser: disabledUser.id },
    postOfUser: async () => (await db.post.create({ data: { authorId: user.id, title: "theirs", content: "c" } })).id,
    sessionOfUser: async () => {
      const token = await insertSession(db, user.id);
      return (await db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } })).id;
    },
  };
  apis.anonymous = client();
  for (const [caller, { cookie }] of Object.entries({ user, otherUser, admin, disabledUser }))
    apis[caller as Caller] = client(sessionCookie(cookie));
});

describe(`the authorization matrix (${testProvider})`, () => {
  it("has an entry for every procedure, and none for a procedure that does not exist", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  const cases = Object.entries(MATRIX).flatMap(([path, { call, expected }]) =>
    (Object.entries(expected) as [Caller, Outcome][]).map(([caller, outcome]) => ({ path, call, caller, outcome })),
  );
  it.each(cases)("$path as $caller: $outcome", async ({ call, caller, outcome }) => {
    const result = await call(apis[caller], world).then(
      () => "ok",
      (error: unknown) => (error as TRPCClientError<AppRouter>).data?.code ?? String(error),
    );
    expect(result).toBe(outcome);
  });
});
