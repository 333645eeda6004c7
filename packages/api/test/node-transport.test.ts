import { request as httpRequest } from "node:http";

import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { handleTRPCRequest } from "../src";
import { env } from "../src/env";
import { createNodeTransport } from "../src/node-transport";
import { listenWith, servedOf, testGetSession } from "./http-client";

// The production server's transport for queries and mutations against the
// handler the Next route calls: the same requests must get the same answers.
// (http.test.ts and the other suites run whole client flows over both.)
const testDb = await createTestDatabase();
const { db } = testDb;
const getSession = testGetSession(db);
const served = await listenWith(createNodeTransport({ db, getSession }));
const { origin } = served;
let userId = "";

beforeAll(async () => {
  userId = (await insertUser(db)).id;
});
afterAll(async () => {
  await served.close();
  await testDb.drop();
});

const json = { "content-type": "application/json" };
const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

/**
 * What a client can see of a response, minus what differs by design: the date, the stack (outside production),
 * and a refreshed cookie's Expires (each request computes it from its own clock, and the two may straddle a second).
 */
async function seen(response: Response) {
  const body = (await response.text()).replace(/,"stack":"(?:[^"\\]|\\.)*"/g, "");
  const ignored = ["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"];
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !ignored.includes(name)));
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.replace(/; Expires=[^;]*/i, ""));
  return { status: response.status, headers, cookies, body };
}

describe("the production server's transport for queries and mutations", () => {
  it("answers as the route handler's handler does: data, batches, errors, refreshed session cookies", async () => {
    const cookie = `next-auth.session-token=${await insertSession(db, userId)}`;
    // Ten days left of thirty: next-auth extends it and sends the cookie again.
    const aging = `next-auth.session-token=${await insertSession(db, userId, new Date(Date.now() + 10 * 86_400_000))}`;
    const cases: Array<[string, RequestInit]> = [
      ["/api/trpc/auth.getSession", {}],
      ["/api/trpc/auth.me", { headers: { cookie } }],
      ["/api/trpc/auth.me", { headers: { cookie: aging } }],
      ["/api/trpc/auth.me", {}],
      [`/api/trpc/auth.me,post.list,auth.getSession?batch=1&${input({ 1: { json: { limit: 2 } } })}`, { headers: { cookie } }],
      // Streamed (httpBatchStreamLink asks so): JSON Lines, piped rather than buffered.
      ["/api/trpc/auth.getSession,post.list?batch=1&input=%7B%7D", { headers: { "trpc-accept": "application/jsonl" } }],
      ["/api/trpc/auth.getSession,post.list?batch=1&input=%7B%7D", { headers: { accept: "text/html, application/jsonl" } }],
      [`/api/trpc/post.list?${input({ json: { limit: "many" } })}`, {}],
      ["/api/trpc/post.list?input=%7Bnot-json", {}],
      ["/api/trpc/no.such", {}],
      ["/api/trpc/post.create", {}],
      [
        "/api/trpc/post.create",
        { method: "POST", headers: { ...json, cookie }, body: JSON.stringify({ json: { title: "", content: "c" } }) },
      ],
      ["/api/trpc/post.create", { method: "POST", headers: json, body: "{" }],
      [`/api/trpc/${Array.from({ length: 21 }, () => "post.list").join(",")}?batch=1&input=%7B%7D`, {}],
    ];
    for (const [path, init] of cases) {
      const viaNode = await seen(await fetch(`${origin}${path}`, init));
      const viaHandler = await seen(await handleTRPCRequest(new Request(`http://app.test${path}`, init), { db, getSession }));
      expect({ path, ...viaNode }).toEqual({ path, ...viaHandler });
    }
  });

  it("writes a mutation once, and answers it with the new row", async () => {
    const cookie = `next-auth.session-token=${await insertSession(db, userId)}`;
    const response = await fetch(`${origin}/api/trpc/post.create`, {
      method: "POST",
      headers: { ...json, cookie },
      body: JSON.stringify({ json: { title: "over the node transport", content: "c" } }),
    });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { data: { json: { id: string } } } };
    expect(await db.post.findMany({ where: { title: "over the node transport" }, select: { id: true } })).toEqual([
      { id: result.data.json.id },
    ]);
  });

  it("refuses a body declared over the limit with 413 before reading it", async () => {
    const response = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${origin}/api/trpc/post.create`, {
        method: "POST",
        headers: { ...json, "content-length": 10 * 1024 * 1024 },
      });
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(response).toEqual({
      status: 413,
      body: JSON.stringify({ error: `The request body is larger than ${env.TRPC_MAX_BODY_BYTES} bytes.` }),
    });
  });

  // The half-read body errors and the call ends quietly: were the error not handled, the run would report an
  // unhandled rejection; were it to crash the server, the next request would fail.
  it("ends the call of a client that abandons its upload mid-body, and goes on serving", async () => {
    const cookie = `next-auth.session-token=${await insertSession(db, userId)}`;
    const { port } = new URL(origin);
    const body = JSON.stringify({ json: { title: "never finished", content: "c" } });
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/trpc/post.create",
        headers: { ...json, cookie, "content-length": body.length },
      });
      req.on("error", () => resolve());
      req.write(body.slice(0, 10), () => setTimeout(() => (req.destroy(), resolve()), 50));
    });
    expect((await fetch(`${origin}/api/trpc/auth.getSession`)).status).toBe(200);
  });

  // httpBatchStreamLink's point: each call's answer as soon as it is ready. Buffered, the first read would wait for
  // the held session lookup, and the test would time out; piped, post.list's answer arrives while it is held.
  it("streams a batch's answers as they are ready, not when the slowest is done", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldLookup = async (headers: Headers, resHeaders?: Headers) => {
      await held;
      return getSession(headers, resHeaders);
    };
    const slowSession = await listenWith(createNodeTransport({ db, getSession: heldLookup }));
    try {
      const { email } = await db.user.findUniqueOrThrow({ where: { id: userId } });
      const cookie = `next-auth.session-token=${await insertSession(db, userId)}`;
      const response = await fetch(`${slowSession.origin}/api/trpc/post.list,auth.getSession?batch=1&input=%7B%7D`, {
        headers: { cookie, "trpc-accept": "application/jsonl" },
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let before = "";
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        before += chunk.value;
        if (before.includes('"items"')) break;
      }
      expect(before).toContain('"items"');
      expect(before).not.toContain(email);
      release();
      let after = "";
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) after += chunk.value;
      // auth.getSession's answer, the caller's session, comes only once the lookup is let go.
      expect(after).toContain(email);
    } finally {
      release();
      await slowSession.close();
    }
  });

  it("declines, untouched, what the route handler does not serve (Next answers it)", async () => {
    const requests = [
      ["PUT", "/api/trpc/post.create"],
      ["HEAD", "/api/trpc/post.list"],
      ["OPTIONS", "/api/trpc/post.list"],
      ["GET", "/api/trpc/"],
      ["GET", "/api/trpc/post.list/extra"],
      ["GET", "/api/trpc/post.list%E0%A4%A"],
      ["GET", "/api/health"],
      ["GET", "/elsewhere/api/trpc/post.list"],
    ] as const;
    expect(await servedOf(origin, requests)).toEqual([]);
  });
});
