import { afterAll, expect, it } from "vitest";

import { isDatabaseUnavailable, pingDatabase } from "../src/availability";
import { startPrivatePostgres } from "../src/postgres-server";
import { createTestDatabase, insertUser } from "../src/testing";

// A server of our own to stop and start: the shared one serves the other test files.
const server = await startPrivatePostgres();
const testDb = await createTestDatabase("postgresql", { server: server.url });
const { db } = testDb;
afterAll(async () => {
  server.start(); // if the test stopped before restarting it
  await testDb.drop();
  server.destroy();
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

it("tells a database that went away from a bad query, and the same client recovers when it is back", async () => {
  await insertUser(db, { email: "taken@example.test" });
  const duplicate = await failureOf(insertUser(db, { email: "taken@example.test" }));
  expect(duplicate).not.toBeNull();
  expect(isDatabaseUnavailable(duplicate)).toBe(false);

  server.stop();
  // The first query meets a connection the shutdown cut; the next ones find no server.
  for (let i = 0; i < 3; i++) {
    const error = await failureOf(db.user.count());
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
  }
  expect(isDatabaseUnavailable(await failureOf(pingDatabase(db)))).toBe(true);

  server.start();
  expect(await db.user.count()).toBe(1);
});
