import { createTestDatabase, insertUser } from "@gatehouse/db/testing";
import { type TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller, createInnerTRPCContext } from "../src";

const testDb = await createTestDatabase();
const { db } = testDb;
const caller = createCaller(createInnerTRPCContext({ db, session: null }));
const TOTAL = 47;

beforeAll(async () => {
  const author = await insertUser(db);
  // Groups of three posts share a timestamp, so the id tie-break is exercised.
  for (let i = 0; i < TOTAL; i++) {
    await db.post.create({
      data: { authorId: author.id, title: `p${i}`, content: "c", createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))) },
    });
  }
});
afterAll(() => testDb.drop());

describe("post.list", () => {
  it.each([1, 7, 20, 50])("walks every post once, newest first, with limit %i", async (limit) => {
    const seen: { id: string; createdAt: Date }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof caller.post.list>> = await caller.post.list({ limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(TOTAL / limit));
    expect(new Set(seen.map((p) => p.id)).size).toBe(TOTAL);
    const expected = await db.post.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen.map((p) => p.id)).toEqual(expected.map((p) => p.id));
  });

  it("defaults to 20 items with no input, with the author and no private fields", async () => {
    const page = await caller.post.list();
    expect(page.items).toHaveLength(20);
    expect(Object.keys(page.items[0]!).sort()).toEqual(["author", "content", "createdAt", "id", "title"]);
    expect(Object.keys(page.items[0]!.author).sort()).toEqual(["id", "image", "name"]);
  });

  it("keeps going past a deleted cursor post", async () => {
    const first = await caller.post.list({ limit: 5 });
    await db.post.delete({ where: { id: first.items.at(-1)!.id } });
    const second = await caller.post.list({ limit: 5, cursor: first.nextCursor });
    expect(second.items).toHaveLength(5);
    expect(second.items.map((p) => p.id)).not.toContain(first.items[0]!.id);
  });

  it.each([0, 51, 2.5])("rejects limit %s", async (limit) => {
    const error = await caller.post.list({ limit }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });

  it.each(["garbage", Buffer.from("[1,2]").toString("base64url"), "x".repeat(300)])(
    "rejects the malformed cursor %s with BAD_REQUEST",
    async (cursor) => {
      const error = await caller.post.list({ cursor }).catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
    },
  );
});
