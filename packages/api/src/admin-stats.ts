import type { Db } from "@gatehouse/db";

export interface AdminStats {
  users: number;
  posts: number;
  sessions: number;
}

/** The admin page's counts: admin.stats, and admin.onStats each time they may have changed. */
export async function readAdminStats(db: Db): Promise<AdminStats> {
  const [users, posts, sessions] = await Promise.all([
    db.user.count(),
    db.post.count(),
    // Expired rows linger until their owner's next lookup; count live ones only.
    db.session.count({ where: { expires: { gt: new Date() } } }),
  ]);
  return { users, posts, sessions };
}
