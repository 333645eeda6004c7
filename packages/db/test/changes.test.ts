import { afterAll, expect, it } from "vitest";

import { changesOf } from "../src/services";
import { createTestDatabase, testProvider } from "../src/testing";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

it(`delivers a notice to this instance's listeners at once, exactly once (${testProvider})`, async () => {
  const changes = changesOf(testDb.db);
  const got: unknown[] = [];
  const unsubscribe = changes.subscribe("test", (payload) => got.push(payload));
  changes.subscribe("other", () => got.push("wrong topic"));
  await changes.publish("test", { userId: "u1" });
  expect(got).toEqual([{ userId: "u1" }]);
  // No echo of its own notice coming back through PostgreSQL.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(got).toEqual([{ userId: "u1" }]);
  unsubscribe();
  await changes.publish("test", { userId: "u2" });
  expect(got).toHaveLength(1);
});
