import { afterAll, expect, it } from "vitest";

import { createDb } from "../src/client";
import { closeDatabase, limiterOf } from "../src/services";
import { createTestDatabase } from "../src/testing";

const testDb = await createTestDatabase("postgresql");
afterAll(() => testDb.drop());

it("on PostgreSQL, instances share one count", async () => {
  const other = createDb(testDb.url);
  try {
    const limit = { points: 4, durationSeconds: 60 };
    const [a, b] = [limiterOf(testDb.db, "shared", limit), limiterOf(other, "shared", limit)];
    const verdicts = await Promise.all([a, b, a, b, a, b].map((limiter) => limiter.consume("same-key")));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(4);
  } finally {
    await closeDatabase(other);
  }
});
