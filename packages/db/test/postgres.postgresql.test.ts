import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { createDb } from "../src/client";
import { closeDatabase } from "../src/services";
import { createTestDatabase, insertUser, openConnections } from "../src/testing";

const testDb = await createTestDatabase("postgresql");
const { db } = testDb;
afterAll(() => testDb.drop());

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

describe("dates are UTC on PostgreSQL", () => {
  it("whatever the server's and the process's time zones", async () => {
    const database = new URL(testDb.url).pathname.slice(1);
    await admin((client) => client.query(`ALTER DATABASE "${database}" SET timezone TO 'Pacific/Kiritimati'`));
    const previousTz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    // A new client: new connections pick up the database's time zone setting.
    const client = createDb(testDb.url);
    try {
      const author = await insertUser(client);
      const at = new Date(Date.UTC(2026, 0, 1, 23, 30, 0, 123));
      const post = await client.post.create({ data: { authorId: author.id, title: "utc", content: "c", createdAt: at } });
      expect(post.createdAt.toISOString()).toBe("2026-01-01T23:30:00.123Z");
      const stored = await admin((c) => c.query<{ t: string }>(`SELECT "createdAt"::text AS t FROM "Post" WHERE id = $1`, [post.id]));
      expect(stored.rows[0]!.t).toBe("2026-01-01 23:30:00.123");
      // A default (now()) and a comparison made by PostgreSQL agree with the clock in UTC.
      const before = Date.now();
      const fresh = await client.post.create({ data: { authorId: author.id, title: "now", content: "c" } });
      expect(Math.abs(fresh.createdAt.getTime() - before)).toBeLessThan(5_000);
      const [{ utc_now: utcNow }] = await client.$queryRaw<[{ utc_now: string }]>`SELECT now()::timestamp::text AS utc_now`;
      expect(Math.abs(new Date(`${utcNow.replace(" ", "T")}Z`).getTime() - Date.now())).toBeLessThan(5_000);
    } finally {
      process.env.TZ = previousTz;
      await client.$disconnect();
    }
  });
});

describe("the connection pool", () => {
  it("never opens more than DATABASE_POOL_MAX connections", async () => {
    const client = createDb(testDb.url, { poolMax: 3 });
    try {
      const pids = await Promise.all(
        Array.from(
          { length: 12 },
          () => client.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)::text AS slept`,
        ),
      );
      const distinct = new Set(pids.map(([row]) => row.pid));
      expect(distinct.size).toBeGreaterThan(1);
      expect(distinct.size).toBeLessThanOrEqual(3);
    } finally {
      await client.$disconnect();
    }
  });

  it("is closed by $disconnect: no connection is left on the server", async () => {
    const client = createDb(testDb.url, { poolMax: 4 });
    await Promise.all(Array.from({ length: 4 }, () => client.user.count()));
    expect(await openConnections(testDb.url)).toBeGreaterThan(0);
    await client.$disconnect();
    await closeDatabase(db); // the test database's own client: its pool and its listener
    await expect.poll(() => openConnections(testDb.url)).toBe(0);
  });
});
