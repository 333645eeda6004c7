import { generateKeyPairSync } from "node:crypto";

import { createTestDatabase, openConnections, testProvider } from "@gatehouse/db/testing";
import { afterAll, describe, expect, it } from "vitest";

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

describe(`starting the production server on ${testProvider}`, () => {
  it("refuses to start without NEXTAUTH_SECRET, and says which variable", async () => {
    const server = spawnNext(await freePort(), { DATABASE_URL: testDb.url });
    expect(await exitOf(server)).toBe(1);
    expect(server.output()).toContain("NEXTAUTH_SECRET");
  });

  it("refuses to start with service-token audiences but no signing key, naming the variable", async () => {
    const server = spawnNext(await freePort(), { DATABASE_URL: testDb.url, NEXTAUTH_SECRET: TEST_SECRET, SERVICE_TOKEN_AUDIENCES: "billing" });
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

  it("on SIGTERM finishes, closes the database and exits 0", async () => {
    const server = await startNextServer({ DATABASE_URL: testDb.url });
    expect((await fetch(`${server.url}/api/trpc/post.list`)).status).toBe(200);
    const code = await server.stop();
    expect(code).toBe(0);
    expect(server.output()).toContain("SIGTERM: finishing in-flight requests, then closing.");
    // The pool was closed, not dropped with the process: PostgreSQL saw every connection end.
    if (testProvider === "postgresql") expect(await openConnections(testDb.url)).toBe(0);
  });
});
