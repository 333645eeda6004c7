import { insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";

// What an operator sees: one JSON line per request, with an id the client also
// gets; an unexpected error logged with its stack under that id, and only the
// id sent to the client.
let app: AuthApp;
let cookie = "";
let userId = "";
beforeAll(async () => {
  app = await startAuthApp();
  userId = (await insertUser(app.db)).id;
  cookie = `${SESSION_COOKIE}=${await insertSession(app.db, userId)}`;
});
afterAll(() => app?.stop());

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  procedure?: string;
  route?: string;
  userId?: string;
  status?: number;
  ms?: number;
  err?: { stack?: string };
}

const logLines = (): LogLine[] =>
  app
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);

describe(`request logs (${testProvider})`, () => {
  it("one JSON line per request: its id (also in X-Request-Id), the procedure, the user, the status and the duration", async () => {
    const response = await fetch(`${app.url}/api/trpc/auth.me`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => logLines().filter((line) => line.reqId === id)).toHaveLength(1);
    const [line] = logLines().filter((l) => l.reqId === id);
    expect(line).toMatchObject({ procedure: "auth.me", userId, status: 200 });
    expect(line!.ms).toBeGreaterThan(0);

    const page = await fetch(`${app.url}/auth/signin`);
    await expect
      .poll(() => logLines().find((l) => l.reqId === page.headers.get("x-request-id")))
      .toMatchObject({ route: "/auth/signin", status: 200 });
  });

  it("an id a client sends is not taken: every request gets its own", async () => {
    const response = await fetch(`${app.url}/api/health`, { headers: { "x-request-id": "forged" } });
    expect(response.headers.get("x-request-id")).not.toBe("forged");
  });
});

describe(`unexpected errors (${testProvider})`, () => {
  it("are logged with their stack and the request id; the client gets that id and nothing else", async () => {
    // Something no code expects: the posts table gone from under the app.
    await app.db.$executeRawUnsafe(`DROP TABLE "Post"`);
    // A page after a cursor: always read from the database, never from the feed cache.
    const cursor = Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "x"])).toString("base64url");
    const response = await fetch(`${app.url}/api/trpc/post.list?input=${encodeURIComponent(JSON.stringify({ json: { cursor } }))}`);
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id")!;
    const body = (await response.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.message).toBe(`Internal server error (request ${id})`);
    expect(JSON.stringify(body)).not.toMatch(/Post|SQL|at |\.ts/);
    await expect.poll(() => logLines().find((line) => line.reqId === id && line.msg === "unexpected error")).toBeDefined();
    const logged = logLines().find((line) => line.reqId === id && line.msg === "unexpected error")!;
    expect(logged.err?.stack).toMatch(/\n\s+at /);
  });
});
