import { afterAll, expect, it } from "vitest";

import { createTestDatabase } from "../src/testing";

const testDb = await createTestDatabase("sqlite");
afterAll(() => testDb.drop());

it("opens every SQLite connection with WAL, foreign keys and a busy timeout", async () => {
  const { db } = testDb;
  const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
  const [busy] = await db.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
  expect(journal?.journal_mode).toBe("wal");
  expect(Number(fk?.foreign_keys)).toBe(1);
  expect(Number(busy?.timeout)).toBeGreaterThanOrEqual(1000);
});
