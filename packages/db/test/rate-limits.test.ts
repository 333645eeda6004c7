import { afterAll, expect, it } from "vitest";

import { limiterOf } from "../src/services";
import { createTestDatabase, testProvider } from "../src/testing";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

it(`allows the limit's points per key, then refuses with how long to wait (${testProvider})`, async () => {
  const limiter = limiterOf(testDb.db, "test-limit", { points: 3, durationSeconds: 60 });
  for (let i = 0; i < 3; i++) expect(await limiter.consume("k1")).toEqual({ allowed: true });
  const refused = await limiter.consume("k1");
  expect(refused.allowed).toBe(false);
  expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(50);
  expect((await limiter.check("k1")).allowed).toBe(false);
  // Another key has its own count.
  expect(await limiter.consume("k2")).toEqual({ allowed: true });
  expect(await limiter.check("k2")).toEqual({ allowed: true });
});

it("a limit of its own under a name already used: each caller gets the limit it asked for", async () => {
  const strict = limiterOf(testDb.db, "shared-name", { points: 1, durationSeconds: 60 });
  const lenient = limiterOf(testDb.db, "shared-name", { points: 1_000, durationSeconds: 60 });
  expect(limiterOf(testDb.db, "shared-name", { points: 1, durationSeconds: 60 })).toBe(strict);
  expect(await strict.consume("a")).toEqual({ allowed: true });
  expect((await strict.consume("a")).allowed).toBe(false);
  expect(await lenient.consume("b")).toEqual({ allowed: true });
  expect(await lenient.consume("b")).toEqual({ allowed: true });
});
