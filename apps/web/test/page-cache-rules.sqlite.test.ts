import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { announceSessionChange, noteRequestSession } from "@gatehouse/auth";
import { announcePostChange } from "@gatehouse/db";
import { createTestDatabase } from "@gatehouse/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { newNonce } from "../src/lib/content-security-policy";
import { pageCacheFor, type PageCacheOptions } from "../src/lib/page-cache";
import { nonceOf } from "./harness/pages";

// The page cache's rules, in process, on a real HTTP server and a real database's change notices: which responses
// it keeps, for how long, in how much memory, and that a change during a render is not kept. The render stands in
// for Next (page-cache.test.ts runs the real one): it counts its calls, so "served from memory" is "not rendered".
const testDb = await createTestDatabase();
// What server/index.mjs installs: the request context the app notes the session in.
const requestContext = new AsyncLocalStorage<{ id: string }>();
(globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.requestContext")] = requestContext;

interface RenderPlan {
  status?: number;
  contentType?: string;
  setCookie?: boolean;
  /** Bytes of filler in the body. */
  size?: number;
  /** The session the render saw, noted as getServerSession does. */
  session?: { userId: string; expires: number };
  /** Runs between the head and the rest of the body. */
  midway?: () => Promise<void>;
}

let plan: RenderPlan = {};
let renders = 0;
let server: Server;
let url = "";

async function render(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  renders += 1;
  const nonce = newNonce();
  if (plan.session) noteRequestSession(plan.session);
  res.statusCode = plan.status ?? 200;
  res.setHeader("content-type", plan.contentType ?? "text/html; charset=utf-8");
  res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}'`);
  if (plan.setCookie) res.setHeader("set-cookie", "theme=dark; Path=/");
  res.write(`<html><head><script nonce="${nonce}">1</script></head>`);
  await plan.midway?.();
  res.end(`<body>${"x".repeat(plan.size ?? 10)}<script nonce="${nonce}">2</script></body></html>`);
}

async function startWith(options: PageCacheOptions) {
  const cache = pageCacheFor(testDb.db, options);
  server = createServer((req, res) => requestContext.run({ id: "test" }, () => cache.serve(req, res, render)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const get = (path = "/", init: RequestInit = {}) => fetch(`${url}${path}`, init);
/** How many renders `count` requests took. */
async function rendersFor(count: number, request: () => Promise<Response>): Promise<number> {
  const before = renders;
  for (let i = 0; i < count; i++) await (await request()).text();
  return renders - before;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => startWith({ ttlMs: 60_000, maxBytes: 1024 * 1024 }));
afterEach(async () => {
  plan = {};
  // Every copy dropped between tests, as a post change does.
  await announcePostChange(testDb.db, { type: "created", id: "between-tests" });
});
afterAll(async () => {
  server?.close();
  await testDb.drop();
});

describe("what the page cache keeps", () => {
  it("a 200 of HTML under a nonce: rendered once, then served with a fresh nonce on the policy and each script", async () => {
    expect(await rendersFor(3, () => get())).toBe(1);
    const [first, second] = [await get(), await get()];
    const nonces = await Promise.all(
      [first, second].map(async (response) => {
        const nonce = nonceOf(response);
        expect(await response.text()).toBe(
          `<html><head><script nonce="${nonce}">1</script></head><body>xxxxxxxxxx<script nonce="${nonce}">2</script></body></html>`,
        );
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it.each<[string, RenderPlan]>([
    ["a 404", { status: 404 }],
    ["a 500", { status: 500 }],
    ["a response that sets a cookie", { setCookie: true }],
    ["JSON", { contentType: "application/json" }],
  ])("never %s", async (_, what) => {
    plan = what;
    expect(await rendersFor(3, () => get())).toBe(3);
  });

  it.each<[string, () => Promise<Response>]>([
    ["a POST", () => get("/", { method: "POST", body: "x" })],
    ["another path", () => get("/account")],
    ["a query (a page of the feed after a cursor)", () => get("/?cursor=abc")],
    ["a request of Next's client router", () => get("/", { headers: { rsc: "1" } })],
    ["a prefetch", () => get("/", { headers: { "next-router-prefetch": "1" } })],
  ])("nothing for %s", async (_, request) => {
    expect(await rendersFor(3, request)).toBe(3);
  });

  it("one copy per session and CSRF cookie, one for everyone signed out", async () => {
    const as = (cookie: string) => () => get("/", { headers: { cookie } });
    expect(await rendersFor(2, as("next-auth.session-token=a; next-auth.csrf-token=1"))).toBe(1);
    expect(await rendersFor(2, as("next-auth.session-token=a; next-auth.csrf-token=2"))).toBe(1);
    expect(await rendersFor(2, as("next-auth.session-token=b; next-auth.csrf-token=1"))).toBe(1);
    expect(await rendersFor(2, as("theme=dark"))).toBe(1);
    expect(await rendersFor(2, () => get())).toBe(0);
  });
});

describe("what drops a copy", () => {
  it("a post change, and a session change other than a sign-in", async () => {
    expect(await rendersFor(2, () => get())).toBe(1);
    await announcePostChange(testDb.db, { type: "deleted", id: "any" });
    expect(await rendersFor(2, () => get())).toBe(1);
    await announceSessionChange(testDb.db, { userId: "someone", reason: "signed_in" });
    expect(await rendersFor(1, () => get())).toBe(0);
    await announceSessionChange(testDb.db, { userId: "someone", reason: "role_changed" });
    expect(await rendersFor(2, () => get())).toBe(1);
  });

  it("a change announced while the page renders: that render is not kept", async () => {
    plan = { midway: () => announcePostChange(testDb.db, { type: "created", id: "during" }) };
    await (await get()).text();
    plan = {};
    expect(await rendersFor(2, () => get())).toBe(1);
  });

  it("the session's expiry: a copy never outlives the session it shows", async () => {
    plan = { session: { userId: "u", expires: Date.now() + 300 } };
    const signedIn = () => get("/", { headers: { cookie: "next-auth.session-token=expiring" } });
    expect(await rendersFor(2, signedIn)).toBe(1);
    await sleep(400);
    expect(await rendersFor(1, signedIn)).toBe(1);
  });
});

describe("the bounds", () => {
  afterEach(async () => {
    server.close();
    await startWith({ ttlMs: 60_000, maxBytes: 1024 * 1024 });
  });

  it("PAGE_CACHE_TTL_MS: a copy is served that long", async () => {
    server.close();
    await startWith({ ttlMs: 300, maxBytes: 1024 * 1024 });
    expect(await rendersFor(2, () => get())).toBe(1);
    await sleep(400);
    expect(await rendersFor(1, () => get())).toBe(1);
  });

  it("PAGE_CACHE_MAX_BYTES: past it, the least recently used copies go first", async () => {
    plan = { size: 300 * 1024 };
    const as = (session: number) => () => get("/", { headers: { cookie: `next-auth.session-token=${session}` } });
    for (const session of [1, 2, 3]) expect(await rendersFor(2, as(session))).toBe(1);
    // A fourth does not fit in 1 MiB beside the other three: the least recently used (1) goes.
    expect(await rendersFor(1, as(4))).toBe(1);
    expect(await rendersFor(1, as(3))).toBe(0);
    expect(await rendersFor(1, as(1))).toBe(1);
  });

  it("0 turns the cache off", async () => {
    server.close();
    await startWith({ ttlMs: 0, maxBytes: 1024 * 1024 });
    expect(await rendersFor(3, () => get())).toBe(3);
  });
});
