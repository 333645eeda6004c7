import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE } from "./harness/auth-app";
import { startNextServer, type NextServer } from "./next-server";

// The real built app over real HTTP, on a fresh SQLite file.
const testDb = await createTestDatabase();
let server: NextServer;
let userCookie: string;
let adminCookie: string;
let userId: string;

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: "manual", ...init });
const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { cookie } });
const trpcGet = (procedure: string) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({}))}`;

beforeAll(async () => {
  const user = await insertUser(testDb.db, { name: "Plain User" });
  const admin = await insertUser(testDb.db, { name: "Admin User", role: "ADMIN" });
  userId = user.id;
  userCookie = `${SESSION_COOKIE}=${await insertSession(testDb.db, user.id)}`;
  adminCookie = `${SESSION_COOKIE}=${await insertSession(testDb.db, admin.id)}`;
  await testDb.db.post.create({ data: { authorId: user.id, title: "Rendered on the server", content: "Hello" } });
  server = await startNextServer({
    DATABASE_URL: testDb.url,
    // Configured providers are listed; nothing is contacted until someone signs in with them.
    AUTH_OIDC_ISSUER: "http://127.0.0.1:9/issuer",
    AUTH_OIDC_CLIENT_ID: "gatehouse",
    AUTH_OIDC_CLIENT_SECRET: "secret",
    EMAIL_SERVER: "smtp://127.0.0.1:9",
    EMAIL_FROM: "Gatehouse <noreply@gatehouse.test>",
  });
});
afterAll(async () => {
  await server?.stop();
  await testDb.drop();
});

describe("next-auth REST API", () => {
  it("GET /api/auth/csrf returns a token and sets the signed, HttpOnly csrf cookie", async () => {
    const res = await get("/api/auth/csrf");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { csrfToken: string };
    expect(body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.csrf-token="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(decodeURIComponent(setCookie!.split(";")[0]!.split("=")[1]!)).toContain(`${body.csrfToken}|`);
  });

  it("GET /api/auth/providers lists the configured providers only", async () => {
    const res = await get("/api/auth/providers");
    expect(res.status).toBe(200);
    const providers = (await res.json()) as Record<string, { id: string; type: string }>;
    expect(Object.keys(providers).sort()).toEqual(["email", "oidc"]);
    expect(providers.oidc).toMatchObject({ id: "oidc", type: "oauth" });
    expect(providers.email).toMatchObject({ id: "email", type: "email" });
  });

  it("GET /api/auth/session is {} when anonymous and the user with id and role when signed in", async () => {
    expect(await (await get("/api/auth/session")).json()).toEqual({});
    const session = (await (await get("/api/auth/session", withCookie(adminCookie))).json()) as {
      user: { name: string; role: string };
    };
    expect(session.user).toMatchObject({ name: "Admin User", role: "ADMIN" });
  });
});

describe("tRPC over HTTP", () => {
  it("auth.me is 401 anonymous and with a forged cookie", async () => {
    expect((await get(trpcGet("auth.me"))).status).toBe(401);
    expect((await get(trpcGet("auth.me"), withCookie(`${SESSION_COOKIE}=forged`))).status).toBe(401);
  });

  it("auth.me returns the user of a seeded session", async () => {
    const res = await get(trpcGet("auth.me"), withCookie(userCookie));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: unknown } } };
    expect(body.result.data.json).toMatchObject({ id: userId, name: "Plain User", role: "USER" });
  });

  it("a bad input is a 400 with the zod issues and no stack in production", async () => {
    const res = await get("/api/trpc/post.create", {
      method: "POST",
      headers: { cookie: userCookie, "content-type": "application/json" },
      body: JSON.stringify({ json: { title: "", content: "x" } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data.zodError).toMatchObject({ fieldErrors: { title: ["Title is required."] } });
    expect(body.error.json.data).not.toHaveProperty("stack");
  });

  it("is served before Next's routing under pnpm start (server/index.mjs), and what it declines reaches Next", async () => {
    // Next marks what it serves with its own Vary (the plain route shows it); the API transport sends tRPC's alone.
    expect((await get("/api/health")).headers.get("vary")).toMatch(/\brsc\b/);
    expect((await get("/api/trpc/auth.getSession")).headers.get("vary")).toBe("trpc-accept, accept");
    // A method the route handler does not export: Next's 405, not tRPC's.
    const put = await get("/api/trpc/auth.getSession", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("vary")).toMatch(/\brsc\b/);
  });

  it("a malformed path under /api/trpc is a client error, and the server carries on", async () => {
    // The API transport looks at every /api/trpc request before Next does: it must not throw on this.
    const res = await get("/api/trpc/post.onChange%E0%A4%A");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await res.text();
    expect((await get("/api/health")).status).toBe(200);
    // Nothing threw on the way, not even in the log line of the request.
    expect(server.output()).not.toContain("uncaughtException");
  });
});

describe("/api/me (plain REST, protected like next-auth's and Clerk's docs)", () => {
  it.each(["GET", "POST"])("%s is 401 with an error when anonymous", async (method) => {
    const res = await get("/api/me", { method });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: expect.any(String) as string });
  });

  it.each(["GET", "POST"])("%s is 200 with the userId when signed in", async (method) => {
    const res = await get("/api/me", withCookie(userCookie, { method }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ userId });
  });
});

/** The hidden fields React renders into the create form, so it works without JavaScript. */
function createFormFields(page: string): Record<string, string> {
  const html = /<form aria-labelledby="create-heading".*?<\/form>/s.exec(page)?.[0] ?? "";
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="(\$ACTION_[^"]+)"(?: value="([^"]*)")?\/>/g)) {
    fields[name!] = (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  }
  return fields;
}

describe("server actions (the create form, as a browser without JavaScript posts it)", () => {
  async function submitCreateForm(title: string, origin: string) {
    const fields = createFormFields(await (await get("/", withCookie(userCookie))).text());
    expect(Object.keys(fields)).toContain("$ACTION_KEY");
    const body = new FormData();
    for (const [name, value] of Object.entries({ ...fields, title, content: "Sent as a plain form." })) body.append(name, value);
    return get("/", { method: "POST", body, headers: { cookie: userCookie, origin } });
  }

  it("a same-origin post runs the action", async () => {
    const res = await submitCreateForm("Posted without JavaScript", server.url);
    expect(res.status).toBe(200);
    expect(await testDb.db.post.count({ where: { title: "Posted without JavaScript" } })).toBe(1);
  });

  it.each(["https://evil.example", "null"])("a post from origin %s is refused with 403 and writes nothing", async (origin) => {
    const res = await submitCreateForm(`Forged from ${origin}`, origin);
    expect(res.status).toBe(403);
    expect(await testDb.db.post.count({ where: { title: `Forged from ${origin}` } })).toBe(0);
  });
});

describe("pages", () => {
  it("the feed is server-rendered with the signed-in user in the header", async () => {
    const anonymous = await (await get("/")).text();
    expect(anonymous).toContain("Rendered on the server");
    expect(anonymous).toContain("Sign in");
    const signedIn = await (await get("/", withCookie(userCookie))).text();
    expect(signedIn).toContain("Plain User");
    expect(signedIn).toContain("Sign out");
  });

  it("the admin page sends anonymous callers to sign in, hides from users, shows admins the stats", async () => {
    const anonymous = await get("/admin");
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain("/auth/signin?callbackUrl=%2Fadmin");
    expect((await get("/admin", withCookie(userCookie))).status).toBe(404);
    const admin = await get("/admin", withCookie(adminCookie));
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain("Active sessions");
  });

  it("the admin page answers a cursor it never handed out with 404, and shows no words a link brings", async () => {
    for (const list of ["users", "audit"]) {
      expect((await get(`/admin?${list}=not-a-cursor`, withCookie(adminCookie))).status).toBe(404);
    }
    const alertOf = async (error: string) =>
      /<p role="alert"[^>]*>([^<]*)<\/p>/.exec(
        await (await get(`/admin?error=${encodeURIComponent(error)}`, withCookie(adminCookie))).text(),
      )?.[1];
    expect(await alertOf("ownRole")).toBe("You cannot change your own role.");
    expect(await alertOf("Your account is compromised: call 555-0100")).toBe("That change could not be made.");
    expect(await alertOf("toString")).toBe("That change could not be made.");
  });

  it("the sign-in, verify-request and error pages are the app's own", async () => {
    for (const path of ["/auth/signin", "/auth/verify-request", "/auth/error?error=Verification"]) {
      expect((await get(path)).status).toBe(200);
    }
    expect(await (await get("/auth/error?error=Verification")).text()).toContain("already used or it has expired");
    expect(await (await get("/auth/signin?error=OAuthAccountNotLinked")).text()).toContain("not merged automatically");
    // next-auth's own routes send people to them.
    const location = new URL((await get("/api/auth/signin?callbackUrl=%2Faccount")).headers.get("location")!, server.url);
    expect(location.pathname).toBe("/auth/signin");
    expect(location.searchParams.get("callbackUrl")).toBe(`${server.url}/account`);
  });

  it("the account page lists the signed-in user's sessions and sends anonymous callers to sign in", async () => {
    const anonymous = await get("/account");
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain("/auth/signin?callbackUrl=%2Faccount");
    const html = await (await get("/account", withCookie(userCookie))).text();
    expect(html).toContain("This browser");
    expect(html).not.toContain(userCookie.split("=")[1]);
  });

  it("the dev mailbox does not exist in production", async () => {
    expect((await get("/dev/mailbox")).status).toBe(404);
  });
});
