import { generateKeyPairSync } from "node:crypto";
import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";

import { createTestDatabase, insertSession, insertUser, openConnections, testProvider } from "@gatehouse/db/testing";
import { afterAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE } from "./harness/auth-app";
import { Browser } from "./harness/browser";
import { statusOverNewConnection } from "./harness/http-probe";
import { SseStream } from "./harness/sse";
import { freePort, spawnNext, startNextServer, stopProcessGroup, TEST_SECRET } from "./next-server";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

/** The exit code of a server that should refuse to start, or "still running" after 30 s. */
async function exitOf(server: ReturnType<typeof spawnNext>) {
  const code = await Promise.race([
    server.exited,
    new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 30_000)),
  ]);
  if (code === "still running") await stopProcessGroup(server);
  return code;
}

// Loaded before the server (node --import): a drain hook that fails, registered where src/lib/shutdown.ts
// registers the app's, and ahead of them.
const FAILING_DRAIN_HOOK = `data:text/javascript,${encodeURIComponent(
  'globalThis[Symbol.for("gatehouse.shutdownHooks")] = { drain: [async () => { throw new Error("a stream that would not end") }], close: [] };',
)}`;

describe(`starting the production server on ${testProvider}`, () => {
  it.each([
    ["without NEXTAUTH_SECRET", {}, "NEXTAUTH_SECRET"],
    ["with a NEXTAUTH_SECRET shorter than 32 characters", { NEXTAUTH_SECRET: "too-short" }, "NEXTAUTH_SECRET"],
    ["with a malformed DATABASE_URL", { NEXTAUTH_SECRET: TEST_SECRET, DATABASE_URL: "mysql://db/app" }, "DATABASE_URL"],
    ["with a FEED_CACHE_TTL_MS that is no number", { NEXTAUTH_SECRET: TEST_SECRET, FEED_CACHE_TTL_MS: "soon" }, "FEED_CACHE_TTL_MS"],
    ["with a PAGE_CACHE_TTL_MS that is no number", { NEXTAUTH_SECRET: TEST_SECRET, PAGE_CACHE_TTL_MS: "soon" }, "PAGE_CACHE_TTL_MS"],
  ])("refuses to start %s, and says which variable", async (_, env, variable) => {
    const server = spawnNext(await freePort(), { DATABASE_URL: testDb.url, ...env });
    expect(await exitOf(server)).toBe(1);
    expect(server.output()).toContain(variable);
  });

  it("warns when NEXTAUTH_URL is https but the server speaks plain http with no proxy in front", async () => {
    const server = await startNextServer({ DATABASE_URL: testDb.url, NEXTAUTH_URL: "https://app.example" });
    try {
      expect(server.output()).toMatch(/NEXTAUTH_URL is https but this server speaks plain http/);
    } finally {
      await server.stop();
    }
  });

  it("warns when TRUST_PROXY is set but requests come without a proxy's X-Forwarded-For, and believes the socket", async () => {
    const server = await startNextServer({ DATABASE_URL: testDb.url, TRUST_PROXY: "1" });
    try {
      await fetch(`${server.url}/api/health`);
      await expect.poll(() => server.output()).toMatch(/TRUST_PROXY=1 but a request came with 0 X-Forwarded-For entries/);
    } finally {
      await server.stop();
    }
  });

  it("refuses to start with service-token audiences but no signing key, naming the variable", async () => {
    const server = spawnNext(await freePort(), {
      DATABASE_URL: testDb.url,
      NEXTAUTH_SECRET: TEST_SECRET,
      SERVICE_TOKEN_AUDIENCES: "billing",
    });
    expect(await exitOf(server)).toBe(1);
    expect(server.output()).toContain("SERVICE_TOKEN_PRIVATE_KEY is required in production");
  });

  it("refuses to start with a signing key it cannot use (RSA), without printing the key", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const server = spawnNext(await freePort(), {
      DATABASE_URL: testDb.url,
      NEXTAUTH_SECRET: TEST_SECRET,
      SERVICE_TOKEN_AUDIENCES: "billing",
      SERVICE_TOKEN_PRIVATE_KEY: rsa,
    });
    expect(await exitOf(server)).toBe(1);
    expect(server.output()).toContain("SERVICE_TOKEN_PRIVATE_KEY must be a P-256 (ES256) or Ed25519 (EdDSA) key");
    expect(server.output()).not.toContain(rsa.split("\n")[1]);
  });

  it("exits 1, saying why, when its port is taken, instead of staying up without one", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = holder.address() as AddressInfo;
      const server = spawnNext(port, { DATABASE_URL: testDb.url, NEXTAUTH_SECRET: TEST_SECRET });
      expect(await exitOf(server), server.output()).toBe(1);
      expect(server.output()).toContain(`cannot listen on 127.0.0.1:${port}`);
      expect(server.output()).toContain("EADDRINUSE");
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  // A database that cannot be opened: a file whose folder is a file, or a port nothing listens on.
  const unreachable = {
    sqlite: "file:/etc/hostname/app.db",
    postgresql: "postgresql://gatehouse:s3cret-password@127.0.0.1:9/gatehouse",
  }[testProvider];

  it("refuses to start when the database cannot be reached: a clear message, exit 1, no hang", async () => {
    const started = Date.now();
    const server = spawnNext(await freePort(), { DATABASE_URL: unreachable, NEXTAUTH_SECRET: TEST_SECRET });
    expect(await exitOf(server)).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(server.output()).toContain("cannot reach the database at DATABASE_URL=");
    expect(server.output()).not.toContain("s3cret-password");
  });

  it("on SIGTERM finishes the request in flight, refuses new ones, closes the database and exits 0", async () => {
    const server = await startNextServer({ DATABASE_URL: testDb.url });
    const user = await insertUser(testDb.db);
    const cookie = `${SESSION_COOKIE}=${await insertSession(testDb.db, user.id)}`;
    const body = JSON.stringify({ json: { title: "In flight at SIGTERM", content: "c" } });
    // A create whose body is still arriving when the signal comes.
    const { port } = new URL(server.url);
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/trpc/post.create",
          headers: { cookie, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1_500);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = server.stop();
    // Once the server has taken the signal (a loaded machine may take a while to deliver it).
    await expect.poll(() => server.output(), { timeout: 5_000, interval: 20 }).toContain("SIGTERM: finishing in-flight requests");
    // Over a new connection, which is what must be refused: fetch could reuse the readiness poll's kept-alive one.
    expect(await statusOverNewConnection(`${server.url}/api/health`), server.output()).toBe("refused");
    expect(await inFlight).toBe(200);
    expect(await stopped).toBe(0);
    expect(await testDb.db.post.count({ where: { title: "In flight at SIGTERM" } })).toBe(1);
  });

  it("on SIGTERM a shutdown hook that fails is logged, and the others still run: streams end at once, exit 0", async () => {
    const server = await startNextServer({ DATABASE_URL: testDb.url }, [`--import=${FAILING_DRAIN_HOOK}`]);
    const stream = new SseStream(new Browser(server.url), "post.onChange");
    await expect.poll(() => stream.connected(), { timeout: 5_000, interval: 10 }).toBe(1);
    const started = Date.now();
    expect(await server.stop(), server.output()).toBe(0);
    // The app's own drain hook, after the failed one, ended the stream: it would have held the server for
    // SHUTDOWN_TIMEOUT_MS (10 s).
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.output()).toContain("a drain hook failed at shutdown");
    expect(server.output()).toContain("a stream that would not end");
    stream.close();
  });

  it("on SIGTERM finishes, closes the database and exits 0", async () => {
    // This test's own client may hold connections: only the server's must be gone.
    const before = testProvider === "postgresql" ? await openConnections(testDb.url) : 0;
    const server = await startNextServer({ DATABASE_URL: testDb.url });
    expect((await fetch(`${server.url}/api/trpc/post.list`)).status).toBe(200);
    const code = await server.stop();
    expect(code).toBe(0);
    expect(server.output()).toContain("SIGTERM: finishing in-flight requests, then closing.");
    // The pool was closed, not dropped with the process: PostgreSQL saw every connection end.
    // (PostgreSQL counts a backend until it has finished exiting: a moment after the client closed it.)
    if (testProvider === "postgresql") await expect.poll(() => openConnections(testDb.url), { timeout: 5_000 }).toBeLessThanOrEqual(before);
  });
});
