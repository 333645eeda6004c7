import { createTestDatabase } from "@gatehouse/db/testing";
import { afterAll, expect, it } from "vitest";

import { freePort, spawnNext } from "./next-server";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

it("refuses to start in production without NEXTAUTH_SECRET, and says which variable", async () => {
  const server = spawnNext(await freePort(), { DATABASE_URL: testDb.url });
  const code = await Promise.race([
    server.exited,
    new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 30_000)),
  ]);
  if (code === "still running") process.kill(-server.child.pid!, "SIGTERM");
  expect(code).toBe(1);
  expect(server.output()).toContain("NEXTAUTH_SECRET");
});
