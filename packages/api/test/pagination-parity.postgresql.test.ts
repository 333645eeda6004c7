import { createTestDatabase } from "@gatehouse/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

import { createCaller, createInnerTRPCContext } from "../src";

// The same rows on both databases give the same pages, in the same order: dates
// compare in UTC with millisecond precision, ties fall back to the id on both.
const databases = [await createTestDatabase("sqlite"), await createTestDatabase("postgresql")];
afterAll(() => Promise.all(databases.map((d) => d.drop())));

const AUTHOR = "author-parity";
const base = Date.UTC(2026, 2, 29, 0, 59, 59, 990); // near a DST change in many zones
const rows = Array.from({ length: 41 }, (_, i) => ({
  id: `c${(i * 7919) % 1000}`.padEnd(8, "x"),
  // Clusters of equal timestamps, and neighbours one millisecond apart.
  createdAt: new Date(base + Math.floor(i / 4) * (i % 2 === 0 ? 1 : 3_600_000)),
  title: `post ${i}`,
  content: "same on both",
  authorId: AUTHOR,
}));

beforeAll(async () => {
  for (const { db } of databases) {
    await db.user.create({ data: { id: AUTHOR, name: "Parity" } });
    await db.post.createMany({ data: rows });
  }
});

async function walk(db: (typeof databases)[number]["db"], limit: number) {
  const caller = createCaller(createInnerTRPCContext({ db, session: null }));
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof caller.post.list>> = await caller.post.list({ limit, cursor });
    pages.push(page.items.map((p) => `${p.createdAt.toISOString()} ${p.id}`));
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

it.each([1, 4, 7, 50])("post.list pages with limit %i are the same on SQLite and PostgreSQL", async (limit) => {
  const [onSQLite, onPostgres] = [await walk(databases[0]!.db, limit), await walk(databases[1]!.db, limit)];
  expect(onSQLite.flat()).toHaveLength(rows.length);
  expect(onPostgres).toEqual(onSQLite);
});
