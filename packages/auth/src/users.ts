import { db as defaultDb, type Db, type Role } from "@gatehouse/db";

/** What the app may show of a user to anyone who holds their id (the server's own code). */
export interface PublicUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  role: Role;
  createdAt: Date;
}

/**
 * A user's public profile by id, or null when there is no such user: the
 * backend lookup of Clerk's `clerkClient.users.getUser(userId)`. Server only.
 */
export function getUser(userId: string, db: Db = defaultDb): Promise<PublicUser | null> {
  return db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, image: true, role: true, createdAt: true },
  });
}
