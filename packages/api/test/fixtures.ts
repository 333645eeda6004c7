import type { Session } from "@gatehouse/auth";
import type { User } from "@gatehouse/db";

/** The session object our next-auth session callback produces for this user. */
export function sessionOf(user: User): Session {
  return {
    user: { id: user.id, name: user.name, email: user.email, image: user.image, role: user.role },
    expires: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
  };
}
