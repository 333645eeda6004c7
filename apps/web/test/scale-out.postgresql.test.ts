import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAuthMe, readSession, SESSION_COOKIE, startAuthApp, trpcMutation, trpcQuery, type AuthApp } from "./harness/auth-app";
import type { Browser } from "./harness/browser";
import { signInByEmail, signInByOidc } from "./harness/sign-in";

// Two production servers on one PostgreSQL database, behind a load balancer, as
// a deployment runs them: they share nothing but the database, NEXTAUTH_SECRET
// and NEXTAUTH_URL. Whatever one instance does, the other sees.
let app: AuthApp;
const A = 0;
const B = 1;
beforeAll(async () => {
  app = await startAuthApp({ instances: 2 });
});
afterAll(() => app?.stop());

/** Sends the browser's next requests to one instance. */
const on = (instance: number) => app.balancer!.pin(instance);
const served = () => [...app.balancer!.served];

async function expectSignedInOnB(browser: Browser, who: { email: string; name?: string }) {
  const before = served();
  on(B);
  const me = await callAuthMe(browser);
  expect(me.status).toBe(200);
  expect(me.user).toMatchObject({ email: who.email });
  const rest = await browser.request("/api/me");
  expect(rest.status).toBe(200);
  const { userId } = (await rest.json()) as { userId: string };
  expect(userId).toBe((await app.db.user.findUniqueOrThrow({ where: { email: who.email } })).id);
  const page = await (await browser.request("/")).text();
  expect(page).toContain(who.name ?? who.email);
  expect(page).toContain("Sign out");
  expect(served()[A]).toBe(before[A]);
  expect(served()[B]).toBe(before[B]! + 3);
}

describe("two instances, one database", () => {
  it("a sign-in through OIDC on A is a session on B: tRPC, /api/me and a server-rendered page", async () => {
    const identity = { sub: "oidc-two-instances", email: "two-instances@example.test", name: "Ada Twice" };
    on(A);
    const before = served();
    const { browser } = await signInByOidc(app, identity);
    expect(served()[A]).toBeGreaterThan(before[A]!);
    expect(served()[B]).toBe(before[B]);
    await expectSignedInOnB(browser, identity);
  });

  it("a sign-in by magic link on A is a session on B", async () => {
    on(A);
    const email = "magic-two-instances@example.test";
    const { browser } = await signInByEmail(app, email);
    await expectSignedInOnB(browser, { email });
  });

  it("a post created on B is read on A", async () => {
    on(A);
    const { browser } = await signInByEmail(app, "writer-two-instances@example.test");
    on(B);
    const created = await trpcMutation<{ id: string }>(browser, "post.create", { title: "Written on B", content: "Read on A" });
    expect(created.status).toBe(200);
    on(A);
    const read = await trpcQuery<{ title: string }>(browser, "post.byId", { id: created.data!.id });
    expect(read).toMatchObject({ status: 200, data: { title: "Written on B" } });
    // A's feed cache learns of the new post by a notice from B: within a second.
    await expect.poll(async () => (await browser.request("/")).text(), { timeout: 1_000, interval: 25 }).toContain("Written on B");
  });

  it("a post deleted on B leaves the page after a cursor that A holds in its feed cache", async () => {
    on(A);
    const { browser } = await signInByEmail(app, "deleter-two-instances@example.test");
    const older = await trpcMutation<{ id: string }>(browser, "post.create", { title: "Deleted on B", content: "cached on A" });
    await trpcMutation(browser, "post.create", { title: "Newer", content: "first page" });
    const first = await trpcQuery<{ nextCursor: string }>(browser, "post.list", { limit: 1 });
    const deep = { limit: 1, cursor: first.data!.nextCursor };
    const idsOn = async () => (await trpcQuery<{ items: { id: string }[] }>(browser, "post.list", deep)).data!.items.map((post) => post.id);
    expect(await idsOn()).toEqual([older.data!.id]); // cached on A now
    on(B);
    expect((await trpcMutation(browser, "post.delete", { id: older.data!.id })).status).toBe(200);
    on(A);
    await expect.poll(idsOn, { timeout: 1_000, interval: 25 }).not.toContain(older.data!.id);
  });

  it("a session revoked from A's sessions page is refused by B on its next request", async () => {
    const email = "revoked-two-instances@example.test";
    on(A);
    const { browser: laptop } = await signInByEmail(app, email);
    const { browser: phone } = await signInByEmail(app, email);
    await expectSignedInOnB(phone, { email });

    on(A);
    expect(await (await laptop.request("/account")).text()).toContain("This browser");
    const sessions = await trpcQuery<{ id: string; current: boolean }[]>(laptop, "session.list");
    const other = sessions.data!.find((session) => !session.current)!;
    expect((await trpcMutation(laptop, "session.revoke", { id: other.id })).status).toBe(200);

    // B's session cache learns of the revocation by a notice from A: within a second (in practice milliseconds).
    on(B);
    await expect.poll(async () => (await callAuthMe(phone)).status, { timeout: 1_000, interval: 25 }).toBe(401);
    expect(await readSession(phone)).toEqual({});
    expect((await callAuthMe(laptop)).status).toBe(200);
  });

  it("a sign-out on A leaves the cookie anonymous on B", async () => {
    on(A);
    const { browser } = await signInByEmail(app, "leaving-two-instances@example.test");
    const token = await browser.cookie(SESSION_COOKIE);
    const response = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrfToken(), callbackUrl: `${app.url}/` });
    expect(response.status).toBe(302);

    // Whoever kept a copy of the cookie, on the other instance.
    const replay = app.browser();
    await replay.jar.setCookie(`${SESSION_COOKIE}=${token}`, app.url);
    on(B);
    expect(await readSession(replay)).toEqual({});
    expect((await callAuthMe(replay)).status).toBe(401);
    expect((await replay.request("/api/me")).status).toBe(401);
  });
});
