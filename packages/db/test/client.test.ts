import { afterAll, describe, expect, it } from "vitest";

import { createDb } from "../src/client";
import { createTestDatabase, insertSession, insertUser } from "../src/testing";

const testDb = await createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

// On whichever database this suite runs (see tooling/vitest/databases.js).
describe("the client", () => {
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

  it("lets several clients write at once: nothing lost, no busy errors", async () => {
    const author = await insertUser(db);
    const clients = [createDb(testDb.url), createDb(testDb.url), createDb(testDb.url)];
    try {
      await Promise.all(
        clients.flatMap((client, c) =>
          Array.from({ length: 30 }, (_, i) => client.post.create({ data: { authorId: author.id, title: `c${c}-${i}`, content: "x" } })),
        ),
      );
      expect(await db.post.count({ where: { authorId: author.id } })).toBe(90);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });
});
