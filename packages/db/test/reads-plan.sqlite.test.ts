import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";

import { SQLITE_QUERIES } from "../src/reads/sqlite";
import { createTestDatabase } from "../src/testing";

const testDb = await createTestDatabase("sqlite");
afterAll(() => testDb.drop());

it("the next-page query seeks the feed index to the cursor instead of scanning from the newest post", () => {
  const sqlite = new Database(testDb.url.slice("file:".length), { readonly: true });
  try {
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${SQLITE_QUERIES.nextPage}`).all("2026-01-01T00:00:00.000+00:00", "x", 21) as { detail: string }[]
    ).map((step) => step.detail);
    expect(plan).toContain("SEARCH p USING INDEX Post_createdAt_id_idx ((createdAt,id)<(?,?))");
    expect(plan.join("\n")).not.toMatch(/SCAN p/);
  } finally {
    sqlite.close();
  }
});
