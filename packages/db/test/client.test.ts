import { afterAll, describe, expect, it } from "vitest";

import { createDb } from "../src/client";
import { createTestDatabase, insertSession, insertUser } from "../src/testing";

const testDb = createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

describe("SQLite connection settings", () => {
  it("opens every connection with WAL, foreign keys and a busy timeout", async () => {
    const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
    const [busy] = await db.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(fk?.foreign_keys)).toBe(1);
    expect(Number(busy?.timeout)).toBeGreaterThanOrEqual(1000);
  });

  it("cascades a deleted user to their posts and sessions", async () => {
    const user = await insertUser(db);
    await insertSession(db, user.id);
    await db.post.create({ data: { authorId: user.id, title: "t", content: "c" } });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.post.count({ where: { authorId: user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a post whose author does not exist", async () => {
    await expect(db.post.create({ data: { authorId: "nobody", title: "t", content: "c" } })).rejects.toThrow();
  });

  it("lets several connections write the same file at once without SQLITE_BUSY", async () => {
    const author = await insertUser(db);
    const clients = [createDb(testDb.url), createDb(testDb.url), createDb(testDb.url)];
    try {
      await Promise.all(
        clients.flatMap((client, c) =>
          Array.from({ length: 30 }, (_, i) =>
            client.post.create({ data: { authorId: author.id, title: `c${c}-${i}`, content: "x" } }),
          ),
        ),
      );
      expect(await db.post.count({ where: { authorId: author.id } })).toBe(90);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });
});
