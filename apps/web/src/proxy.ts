import { NextResponse, type NextRequest } from "next/server";

import { withCsrfCookie } from "./lib/csrf-cookie";

/**
 * Pages accept POSTs only as server actions (the no-JavaScript forms among
 * them). Next already refuses a server action whose Origin is not this host,
 * but by throwing, as a 500; refuse it here first, as the 403 it is.
 * (If you set `serverActions.allowedOrigins` in next.config, allow them here too.)
 * Other requests that reach it are page views whose forms need a CSRF cookie.
 */
export function proxy(request: NextRequest) {
  if (request.method !== "POST") return withCsrfCookie(request);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (hostOf(request.headers.get("origin") ?? "") !== host) {
    return NextResponse.json({ error: "Cross-origin form submissions are not accepted." }, { status: 403 });
  }
  return NextResponse.next();
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, some redirects) matches no host
  }
}

// Pages only (next-auth and tRPC check their own requests). The origin check runs
// on requests that carry an Origin header: browsers send it on POSTs, not on page
// views. Page views run the proxy only where a server-rendered form needs next-auth's CSRF
// cookie and the browser has none (lib/csrf-cookie.ts): the sign-in page, and the
// sign-out form of a signed-in browser (__Secure-/__Host- names on https). A
// browser holds the cookie from then on, so its later page views skip the proxy.
export const config = {
  matcher: [
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "origin" }] },
    { source: "/auth/signin" },
    {
      source: "/((?!api/|_next/).*)",
      has: [{ type: "cookie", key: "next-auth.session-token" }],
      missing: [{ type: "cookie", key: "next-auth.csrf-token" }],
    },
    {
      source: "/((?!api/|_next/).*)",
      has: [{ type: "cookie", key: "__Secure-next-auth.session-token" }],
      missing: [{ type: "cookie", key: "__Host-next-auth.csrf-token" }],
    },
  ],
};
