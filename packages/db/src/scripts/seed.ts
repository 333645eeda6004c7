// pnpm db:seed: a few users and posts, so a fresh `pnpm dev` has something to show.
// Idempotent: running it twice changes nothing.
import "@gatehouse/root-env/load";

import { db } from "../client";

const USERS = [
  { email: "ada@example.com", name: "Ada Lovelace" },
  { email: "grace@example.com", name: "Grace Hopper" },
  { email: "linus@example.com", name: "Linus Torvalds" },
];

const POSTS_PER_USER = 3;

async function main() {
  for (const [u, { email, name }] of USERS.entries()) {
    const user = await db.user.upsert({ where: { email }, update: {}, create: { email, name } });
    const existing = await db.post.count({ where: { authorId: user.id } });
    for (let i = existing; i < POSTS_PER_USER; i++) {
      await db.post.create({
        data: {
          authorId: user.id,
          title: `${name.split(" ")[0]}'s post #${i + 1}`,
          content: `Seeded post ${i + 1} of ${POSTS_PER_USER} by ${name}.`,
          createdAt: new Date(Date.UTC(2026, 0, 1 + u * POSTS_PER_USER + i)),
        },
      });
    }
  }
  const [users, posts] = await Promise.all([db.user.count(), db.post.count()]);
  console.log(`Seeded: ${users} users, ${posts} posts.`);
}

await main().finally(() => db.$disconnect());
