import { createHash, randomBytes } from "node:crypto";

import { env } from "./env";
import { authSecret } from "./secret";

/**
 * next-auth's double-submit CSRF cookie, for forms rendered on the server
 * (sign-in, sign-out) that must work without JavaScript. A server component
 * cannot set a cookie, and a server-side getCsrfToken() loses the Set-Cookie
 * next-auth sends; so the proxy issues the cookie exactly as next-auth does,
 * and pages read the token back from it.
 *
 * The value is `token|sha256(token + secret)` (URL-encoded in the header),
 * HttpOnly, SameSite=Lax, path /, `__Host-` prefixed and Secure on https.
 */
const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;

export const CSRF_COOKIE = `${secure ? "__Host-" : ""}next-auth.csrf-token`;

export const CSRF_COOKIE_OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", secure } as const;

const hashOf = (token: string) => {
  // Only `next build` runs without a secret (secret.ts), and it issues no cookie.
  if (authSecret === undefined) throw new Error("NEXTAUTH_SECRET is required in production");
  return createHash("sha256").update(`${token}${authSecret}`).digest("hex");
};

/** The token of a (decoded) cookie value that next-auth would accept, or null. */
export function csrfTokenOf(cookieValue: string | undefined): string | null {
  const [token, hash, extra] = (cookieValue ?? "").split("|");
  return token && hash && extra === undefined && hashOf(token) === hash ? token : null;
}

/** A new token and the cookie value that goes with it. */
export function newCsrfCookie(): { token: string; value: string } {
  const token = randomBytes(32).toString("hex");
  return { token, value: `${token}|${hashOf(token)}` };
}
