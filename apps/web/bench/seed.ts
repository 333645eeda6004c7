import { createHash, randomBytes } from "node:crypto";

import { createTestDatabase, insertSession, insertUser, type TestDatabase } from "@gatehouse/db/testing";

import { TEST_SECRET } from "../test/next-server";

export const POSTS = 100_000;
export const CREATORS = 20;
const CHUNK = 5_000;

export interface PostKey {
  id: string;
  createdAt: Date;
}

export interface BenchData {
  database: TestDatabase;
  /** The session cookie of the reader (auth.me, signed-in pages). */
  cookie: string;
  /** One session cookie per creator (post.create under concurrency). */
  creatorCookies: string[];
  /** Every post's keyset: random reads by id, and pages after random posts. */
  posts: PostKey[];
  /** The post 10,000th newest: the deep page starts after it. */
  deepPost: PostKey;
}

const cookieOf = (token: string) => `next-auth.session-token=${token}`;

/**
 * A signed-in browser also holds next-auth's CSRF cookie (its sign-in left one). Without it
 * every signed-in page view would run the proxy to issue one, which a real browser pays once.
 */
function browserCookieOf(token: string): string {
  const csrfToken = randomBytes(32).toString("hex");
  const hash = createHash("sha256").update(`${csrfToken}${TEST_SECRET}`).digest("hex");
  return `${cookieOf(token)}; next-auth.csrf-token=${csrfToken}%7C${hash}`;
}

/**
 * A fresh database with 100,000 posts, a signed-in reader and 20 signed-in
 * creators: SQLite, or a new database on the PostgreSQL server `postgresUrl` names.
 */
export async function seedBenchDatabase(postgresUrl?: string): Promise<BenchData> {
  const database = postgresUrl ? await createTestDatabase("postgresql", { server: postgresUrl }) : await createTestDatabase("sqlite");
  const { db } = database;
  const reader = await insertUser(db, { name: "Bench Reader" });
  const creators = await Promise.all(Array.from({ length: CREATORS }, (_, i) => insertUser(db, { name: `Creator ${i}` })));
  const start = Date.UTC(2025, 0, 1);
  for (let offset = 0; offset < POSTS; offset += CHUNK) {
    await db.post.createMany({
      data: Array.from({ length: CHUNK }, (_, i) => ({
        authorId: creators[(offset + i) % CREATORS]!.id,
        title: `Post ${offset + i}`,
        content: `Seeded post ${offset + i} for the benchmark.`,
        // One post a minute, with a few sharing a timestamp (the id breaks the tie).
        createdAt: new Date(start + Math.floor((offset + i) / 1.1) * 60_000),
      })),
    });
  }
  const posts = await db.post.findMany({ select: { id: true, createdAt: true } });
  const deepPost = (
    await db.post.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: 9_999,
      take: 1,
      select: { id: true, createdAt: true },
    })
  )[0]!;
  return {
    database,
    cookie: browserCookieOf(await insertSession(db, reader.id)),
    creatorCookies: await Promise.all(creators.map(async (creator) => cookieOf(await insertSession(db, creator.id)))),
    posts,
    deepPost,
  };
}
