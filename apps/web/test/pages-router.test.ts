import { generateKeyPairSync } from "node:crypto";

import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE } from "./harness/auth-app";
import { startNextServer, type NextServer } from "./next-server";

// The seeds' shapes on the production build: a Pages Router API route with
// getServerSession(req, res, authOptions) (seed 000), Clerk's getAuth(req) and
// backend user lookup (seed 002), beside the App Router route and tRPC.
const testDb = await createTestDatabase();
const TEST_KEY = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
let server: NextServer;
let cookie = "";
let user: Awaited<ReturnType<typeof insertUser>>;

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: "manual", ...init });
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  user = await insertUser(testDb.db, { name: "Pages User", role: "ADMIN" });
  cookie = `${SESSION_COOKIE}=${await insertSession(testDb.db, user.id)}`;
  server = await startNextServer({ DATABASE_URL: testDb.url, SERVICE_TOKEN_AUDIENCES: "billing", SERVICE_TOKEN_PRIVATE_KEY: TEST_KEY });
});
afterAll(async () => {
  await server?.stop();
  await testDb.drop();
});

const profile = () => ({
  id: user.id,
  name: "Pages User",
  email: user.email,
  image: null,
  role: "ADMIN",
  createdAt: user.createdAt.toISOString(),
});

describe("pages/api/legacy/me (getServerSession(req, res, authOptions), seed 000)", () => {
  it.each(["GET", "POST"])("%s anonymous is 401 with seed 000's exact body", async (method) => {
    const res = await call("/api/legacy/me", { method });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "You must be sign in to view the protected content." });
  });

  it("GET signed in is 200 { userId, role }", async () => {
    const res = await call("/api/legacy/me", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: user.id, role: "ADMIN" });
  });

  it("POST with a JSON body, signed in, is 200 { userId, role }", async () => {
    const res = await postJson("/api/legacy/me", { hello: "world" }, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: user.id, role: "ADMIN" });
  });

  it("other methods are 405", async () => {
    const res = await call("/api/legacy/me", { method: "DELETE", headers: { cookie } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
  });
});

describe("pages/api/legacy/example (getAuth(req) and getUser, seed 002)", () => {
  it.each(["GET", "POST"])("%s anonymous is 401 { error: 'Not authenticated' }", async (method) => {
    const res = await call("/api/legacy/example", { method });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Not authenticated" });
  });

  it("a forged session cookie is 401 too", async () => {
    expect((await call("/api/legacy/example", { headers: { cookie: `${SESSION_COOKIE}=forged` } })).status).toBe(401);
  });

  it("signed in is 200 with the userId and the user's public profile from the backend lookup", async () => {
    const res = await postJson("/api/legacy/example", { any: "body" }, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: user.id, user: profile() });
  });
});

describe("/api/me (App Router, getAuth(request) and getUser)", () => {
  it("signed in is 200 with the userId, the role and the public profile", async () => {
    const res = await call("/api/me", { headers: { cookie } });
    expect(await res.json()).toEqual({ userId: user.id, role: "ADMIN", user: profile() });
  });
});

describe("the seed-000 trap stays closed: a JSON POST with a valid session", () => {
  const routes: [string, () => Promise<Response>][] = [
    ["App Router /api/me", () => postJson("/api/me", { a: 1 }, { cookie })],
    ["Pages Router /api/legacy/me", () => postJson("/api/legacy/me", { a: 1 }, { cookie })],
    ["Pages Router /api/legacy/example", () => postJson("/api/legacy/example", { a: 1 }, { cookie })],
    ["tRPC auth.serviceToken", () => postJson("/api/trpc/auth.serviceToken", { json: { audience: "billing" } }, { cookie })],
    ["tRPC post.create", () => postJson("/api/trpc/post.create", { json: { title: "Posted as JSON", content: "x" } }, { cookie })],
  ];

  it.each(routes)("%s is 200", async (_, send) => {
    expect((await send()).status).toBe(200);
  });

  it("and the server logged no CLIENT_FETCH_ERROR, nor any next-auth error", async () => {
    for (const [, send] of routes) expect((await send()).status).toBe(200);
    expect(server.output()).not.toContain("CLIENT_FETCH_ERROR");
    expect(server.output()).not.toContain("[next-auth][error]");
  });
});
