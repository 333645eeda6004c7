import { createTestDatabase, insertUser } from "@gatehouse/db/testing";
import { afterAll, describe, expect, it } from "vitest";

import { getUser } from "../src";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

describe("getUser(userId)", () => {
  it("is the public profile of the user", async () => {
    const created = await insertUser(testDb.db, { name: "Uma", email: "uma@example.test", role: "ADMIN" });
    const user = await getUser(created.id, testDb.db);
    expect(user).toEqual({
      id: created.id,
      name: "Uma",
      email: "uma@example.test",
      image: null,
      role: "ADMIN",
      createdAt: created.createdAt,
    });
    expect(Object.keys(user!).sort()).toEqual(["createdAt", "email", "id", "image", "name", "role"]);
  });

  it("is null for an id nobody has", async () => {
    expect(await getUser("no-such-user", testDb.db)).toBeNull();
  });
});
