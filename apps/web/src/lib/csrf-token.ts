import "server-only";

import { CSRF_COOKIE, csrfTokenOf } from "@gatehouse/auth/csrf";
import { cookies } from "next/headers";

/**
 * The CSRF token for the server-rendered sign-in and sign-out forms, read from
 * next-auth's cookie (which the proxy issues when it is missing), or null when
 * this request carries no valid one.
 */
export async function formCsrfToken(): Promise<string | null> {
  return csrfTokenOf((await cookies()).get(CSRF_COOKIE)?.value);
}
