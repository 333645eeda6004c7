import { createServer } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { announcePostChange, feedLogOf } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { observable } from "@trpc/server/observable";
import { afterAll, describe, expect, it } from "vitest";

import { createCaller, createInnerTRPCContext, createTRPCContext, handleTRPCRequest, TRPC_ENDPOINT } from "../src";
import { BACKLOG_MAX } from "../src/streams/feed-stream";
import { openStreams } from "../src/streams/open-streams";
import { createSubscriptionTransport } from "../src/streams/sse-transport";
import { publicProcedure, router } from "../src/trpc";
import { sessionOf } from "./fixtures";
import { listenWith, servedOf, sessionCookie, testGetSession } from "./http-client";

// The production server's subscription transport against tRPC's own, byte for
// byte: the same requests, read raw, must give the same frames (streams.test.ts
// runs every subscription behaviour over both through tRPC's client).
const testDb = await createTestDatabase();
const { db } = testDb;
const getSession = testGetSession(db);
const serve = createSubscriptionTransport({ db, getSession });
const served = await listenWith(serve);
const { origin } = served;

// What a subscription may return, beyond the app's async generators: an observable, or (a bug) neither.
let heldTornDown = 0;
const kindsRouter = router({
  counted: publicProcedure.subscription(() =>
    observable<number>((emit) => {
      for (const n of [1, 2, 3]) emit.next(n);
      emit.complete();
    }),
  ),
  held: publicProcedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      return () => (heldTornDown += 1);
    }),
  ),
  notAStream: publicProcedure.subscription(() => 42 as never),
});
const kindsServed = await listenWith(createSubscriptionTransport({ db, getSession }, kindsRouter));

afterAll(async () => {
  await Promise.all([served.close(), kindsServed.close()]);
  await testDb.drop();
});

const query = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** tRPC's own transport, for kindsRouter. */
const handleKinds = (req: Request) =>
  fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    router: kindsRouter,
    req,
    createContext: ({ resHeaders }) => createTRPCContext({ db, getSession, headers: req.headers, resHeaders }),
  });

/** Both transports' responses to the same GET: the app router's by default, or kindsRouter's. */
async function bothServe(path: string, headers: Record<string, string> = {}, of: "app" | "kinds" = "app") {
  const aborted = new AbortController();
  const req = new Request(`http://app.test${path}`, { headers, signal: aborted.signal });
  const [viaTRPC, viaNode] = await Promise.all([
    of === "app" ? handleTRPCRequest(req, { db, getSession }) : handleKinds(req),
    fetch(`${of === "app" ? origin : kindsServed.origin}${path}`, { headers, signal: aborted.signal }),
  ]);
  return { viaTRPC, viaNode, close: () => aborted.abort() };
}

/** The first `count` frames of an SSE body (or all of them, if it ends first). */
async function framesOf(response: Response, count: number): Promise<string[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  for (;;) {
    const frames = text.split("\n\n\n").slice(0, -1);
    if (frames.length >= count) return frames.slice(0, count);
    const { value, done } = await reader.read();
    if (done) return frames;
    text += value;
  }
}

/** An error frame without its stack (outside production): the two transports reach the error by different calls. */
function withoutStack(frame: string): string {
  if (!frame.startsWith("event: serialized-error\n")) return frame;
  return frame.replace(/^data: (.*)$/m, (_, json: string) => {
    const parsed = JSON.parse(json) as { json: { data: { stack?: string } } };
    delete parsed.json.data.stack;
    return `data: ${JSON.stringify(parsed)}`;
  });
}

describe("the production server's subscription transport", () => {
  it("sends the same frames as tRPC's: connected, then each replayed change with its id", async () => {
    const user = await insertUser(db);
    const api = createCaller(createInnerTRPCContext({ session: sessionOf(user), db }));
    for (const title of ["One", "Two", "Three"]) await api.post.create({ title, content: "c" });
    const { viaTRPC, viaNode, close } = await bothServe(`/api/trpc/post.onChange${query({ lastEventId: "0" })}`);
    expect(viaNode.status).toBe(viaTRPC.status);
    expect(viaNode.headers.get("content-type")).toBe(viaTRPC.headers.get("content-type"));
    expect(viaNode.headers.get("cache-control")).toBe(viaTRPC.headers.get("cache-control"));
    const [fromTRPC, fromNode] = await Promise.all([framesOf(viaTRPC, 4), framesOf(viaNode, 4)]);
    close();
    expect(fromTRPC[0]).toMatch(/^event: connected\n/);
    expect(fromTRPC.slice(1).map((frame) => frame.split("\n")[1])).toEqual(["id: 1", "id: 2", "id: 3"]);
    expect(fromNode).toEqual(fromTRPC);
  });

  it("sends the same error frame and then ends: a bad input, an anonymous caller of a protected stream", async () => {
    const token = await insertSession(db, (await insertUser(db)).id);
    for (const [path, headers] of [
      [`/api/trpc/post.onChange${query({ lastEventId: "not-an-id" })}`, {}],
      ["/api/trpc/account.onSessionEvent", {}],
      ["/api/trpc/admin.onStats", sessionCookie(token)],
    ] as const) {
      const { viaTRPC, viaNode } = await bothServe(path, headers);
      const [fromTRPC, fromNode] = await Promise.all([framesOf(viaTRPC, 10), framesOf(viaNode, 10)]);
      expect(fromTRPC).toHaveLength(2);
      expect(fromTRPC[1]).toMatch(/^event: serialized-error\n/);
      expect(fromNode.map(withoutStack)).toEqual(fromTRPC.map(withoutStack));
    }
  });

  it("refuses an input that is not JSON with a 400 (PARSE_ERROR)", async () => {
    const response = await fetch(`${origin}/api/trpc/post.onChange?input=%7Bnot-json`);
    const frames = await framesOf(response, 10);
    expect(frames[1]).toMatch(/^event: serialized-error\n/);
    expect(frames[1]).toContain('"code":"PARSE_ERROR","httpStatus":400');
  });

  it("frees every stream whose client leaves, however early: before the answer, or after it", async () => {
    const clients = Array.from({ length: 40 }, () => new AbortController());
    const responses = clients.map((client, i) =>
      fetch(`${origin}/api/trpc/post.onChange${query({})}`, { signal: client.signal }).then(
        (response) => (i % 2 === 1 ? response : null),
        () => null,
      ),
    );
    // Half leave at once; the other half once their stream has started.
    clients.forEach((client, i) => i % 2 === 0 && client.abort());
    const started = await Promise.all(responses);
    expect(started.filter(Boolean)).toHaveLength(20);
    expect(openStreams().size).toBeGreaterThan(0);
    for (const client of clients) client.abort();
    await expect.poll(() => openStreams().size, { timeout: 2_000 }).toBe(0);
  });

  it("holds a reader that stops reading to a bounded backlog: its socket fills, then it gets one reset, then what follows", async () => {
    // A Unix socket: its buffers (about 200 KiB a side) fill after a few large events, where TCP's grow to megabytes.
    const socketPath = path.join(tmpdir(), `gatehouse-sse-${process.pid}.sock`);
    const local = createServer((req, res) => void serve(req, res));
    await new Promise<void>((resolve) => local.listen(socketPath, resolve));
    const reader = connect(socketPath);
    let received = "";
    reader.on("data", (chunk: Buffer) => (received += chunk.toString()));
    reader.write(`GET /api/trpc/post.onChange${query({})} HTTP/1.1\r\nHost: app.test\r\n\r\n`);
    await expect.poll(() => received).toContain("event: connected");
    reader.pause();

    const author = await insertUser(db);
    const create = async (content: string) => {
      const post = await db.$transaction(async (tx) => {
        const created = await tx.post.create({ data: { authorId: author.id, title: "big", content } });
        await feedLogOf(db).append(tx, "created", created.id);
        return created;
      });
      await announcePostChange(db, { type: "created", id: post.id });
      return post;
    };
    // A megabyte of large events fills the socket. Then more small ones than the backlog holds, in batches that
    // a reader who kept up would have taken one by one.
    for (let i = 0; i < 20; i += 1) await create("x".repeat(50_000));
    const batches = Math.ceil((BACKLOG_MAX + 1) / 50);
    for (let batch = 0; batch < batches; batch += 1) {
      await db.$transaction(async (tx) => {
        for (let i = 0; i < 50; i += 1) await feedLogOf(db).append(tx, "deleted", `gone-${batch}-${i}`);
      });
      await announcePostChange(db, { type: "deleted", id: `gone-${batch}-0` });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    reader.resume();
    await expect.poll(() => received, { timeout: 5_000 }).toContain('"type":"reset"');
    const last = await create("after the reset");
    await expect.poll(() => received, { timeout: 5_000 }).toContain(last.id);

    const sentBeforeReset = received.slice(0, received.indexOf('"type":"reset"')).split("\nid: ").length - 1;
    // What the socket held when it filled, not the whole backlog: the rest became the one reset.
    expect(sentBeforeReset).toBeLessThan(20 + batches * 50);
    expect(received.indexOf(last.id)).toBeGreaterThan(received.indexOf('"type":"reset"'));
    reader.destroy();
    local.closeAllConnections();
    await new Promise((resolve) => local.close(resolve));
  }, 30_000);

  it("sends an observable's values and its end as tRPC's does, and the same error for a subscription that returns neither kind", async () => {
    const { viaTRPC, viaNode } = await bothServe("/api/trpc/counted", {}, "kinds");
    const [fromTRPC, fromNode] = await Promise.all([framesOf(viaTRPC, 10), framesOf(viaNode, 10)]);
    expect(fromTRPC.map((frame) => frame.split("\n")[0])).toEqual([
      "event: connected",
      'data: {"json":1}',
      'data: {"json":2}',
      'data: {"json":3}',
      "event: return",
    ]);
    expect(fromNode).toEqual(fromTRPC);

    const failed = await bothServe("/api/trpc/notAStream", {}, "kinds");
    const [errorFromTRPC, errorFromNode] = await Promise.all([framesOf(failed.viaTRPC, 10), framesOf(failed.viaNode, 10)]);
    expect(errorFromTRPC[1]).toContain("did not return an observable or a AsyncGenerator");
    expect(errorFromNode.map(withoutStack)).toEqual(errorFromTRPC.map(withoutStack));
  });

  it("refuses a router of another tRPC instance, whose transformer and stream settings it would not write with", () => {
    const foreign = initTRPC.create();
    expect(() => createSubscriptionTransport({}, foreign.router({}))).toThrow("routers of trpc.ts's tRPC instance");
  });

  it("unsubscribes from an observable when its client leaves", async () => {
    const client = new AbortController();
    const response = await fetch(`${kindsServed.origin}/api/trpc/held`, { signal: client.signal });
    expect(await framesOf(response, 2)).toHaveLength(2);
    expect(heldTornDown).toBe(0);
    client.abort();
    await expect.poll(() => heldTornDown, { timeout: 2_000 }).toBe(1);
  });

  it("declines, untouched, whatever is not a GET of one subscription (Next serves it)", async () => {
    const requests = [
      ["GET", "/api/trpc/post.list"],
      ["GET", "/api/trpc/post.onChange,post.onChange?batch=1"],
      ["GET", "/api/trpc/no.such"],
      ["GET", "/elsewhere/post.onChange"],
      // A malformed escape: Next answers it, this transport must not throw on it.
      ["GET", "/api/trpc/post.onChange%E0%A4%A"],
      ["POST", "/api/trpc/post.onChange"],
    ] as const;
    expect(await servedOf(origin, requests)).toEqual([]);
  });
});
