import pg from "pg";
import { afterAll, expect, it } from "vitest";

import { POSTGRES_QUERIES } from "../src/reads/postgres";
import { createTestDatabase, insertUser } from "../src/testing";

const testDb = await createTestDatabase("postgresql");
afterAll(() => testDb.drop());

it("the next-page query seeks the feed index to the cursor instead of scanning from the newest post", async () => {
  const author = await insertUser(testDb.db);
  await testDb.db.post.createMany({
    data: Array.from({ length: 20_000 }, (_, i) => ({
      authorId: author.id,
      title: `${i}`,
      content: "c",
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
    })),
  });
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  try {
    await client.query(`ANALYZE "Post"`);
    const { rows } = await client.query<{ "QUERY PLAN": string }>({
      text: `EXPLAIN ${POSTGRES_QUERIES.nextPage}`,
      values: ["2026-01-01T02:00:00.000Z", "x", 21],
    });
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/Index Scan using "Post_createdAt_id_idx" on "Post" p/);
    expect(plan).toMatch(/Index Cond: \(ROW\("createdAt", id\) < ROW\(/);
    expect(plan).not.toMatch(/Seq Scan on "Post"/);
  } finally {
    await client.end();
  }
});
