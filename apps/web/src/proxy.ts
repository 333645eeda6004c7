import { env } from "@gatehouse/auth/env";
import { signInFormTargets } from "@gatehouse/auth/form-targets";
import { NextResponse, type NextRequest } from "next/server";

import { contentSecurityPolicy, newNonce } from "./lib/content-security-policy";
import { ensureCsrfCookie } from "./lib/csrf-cookie";

const development = env.NODE_ENV === "development";
const https = env.NEXTAUTH_URL?.startsWith("https:") ?? false;
// Fixed by env at start: computed once, not on every page request.
const formTargets = signInFormTargets();

/**
 * Every page, before it renders:
 * - a POST is a server action (the no-JavaScript forms among them). Next already
 *   refuses one whose Origin is not this host, but by throwing, as a 500; refuse
 *   it here first, as the 403 it is. (If you set `serverActions.allowedOrigins`
 *   in next.config, allow them here too.)
 * - a fresh nonce and the Content-Security-Policy that names it, on the request
 *   (Next puts the nonce on its own inline scripts) and on the response;
 * - next-auth's CSRF cookie when the browser has none, for the server-rendered
 *   sign-in and sign-out forms.
 */
export function proxy(request: NextRequest) {
  if (
    request.method === "POST" &&
    hostOf(request.headers.get("origin") ?? "") !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))
  ) {
    return NextResponse.json({ error: "Cross-origin form submissions are not accepted." }, { status: 403 });
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, development, formTargets, https });
  const setCsrfCookie = ensureCsrfCookie(request);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  setCsrfCookie(response);
  return response;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, some redirects) matches no host
  }
}

// Pages only: next-auth and tRPC check their own requests and send no HTML;
// static files carry no inline script.
export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
