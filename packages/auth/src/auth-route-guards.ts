import { db as defaultDb, limiterOf, type Db, type Limit, type Verdict } from "@gatehouse/db";

import { auditInBackground } from "./audit";
import { env } from "./env";
import { refuseLargeBody } from "./http-limits";
import { AUTH_PAGES } from "./options";
import { clientInfo, log } from "./request-context";

type RouteHandler<C> = (req: Request, ctx: C) => Promise<Response>;

const limits = (): Record<"emailPerAddress" | "emailPerIp" | "oauthPerIp" | "failuresPerIp", Limit> => ({
  emailPerAddress: env.RATE_LIMIT_EMAIL_PER_ADDRESS,
  emailPerIp: env.RATE_LIMIT_EMAIL_PER_IP,
  oauthPerIp: env.RATE_LIMIT_OAUTH_PER_IP,
  failuresPerIp: env.RATE_LIMIT_AUTH_FAILURES_PER_IP,
});

/**
 * What next-auth answers when a form came without the browser's own CSRF token,
 * or a link or callback failed: a redirect, or for `json=true` the URL it would
 * have redirected to, in the body.
 */
async function failureOf(response: Response): Promise<string | null> {
  let location = response.headers.get("location");
  if (!location && response.headers.get("content-type")?.includes("application/json")) {
    location =
      (
        (await response
          .clone()
          .json()
          .catch(() => null)) as { url?: string } | null
      )?.url ?? null;
  }
  if (!location) return null;
  const url = new URL(location, "http://app.invalid");
  if (url.searchParams.get("csrf") === "true") return "csrf";
  return url.searchParams.get("error");
}

const isForm = (req: Request) => req.method === "POST" && !!req.headers.get("content-type")?.includes("application/x-www-form-urlencoded");

/** next-auth's forms are small: an email, a token, a callback URL. */
const MAX_FORM_BYTES = 16 * 1024;

/** As next-auth's email provider normalizes the address, so "A@x" and " a@x" share one count. */
const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The longest address SMTP carries (RFC 5321's path limit); longer is no address. */
const MAX_EMAIL_LENGTH = 254;

type Fields = Record<string, string>;

/**
 * next-auth reads a JSON body with req.json() and trusts its fields to be
 * strings: anything else is a 500 inside it. Its real clients send flat forms
 * (urlencoded) or flat JSON objects of strings. Their values must also fit the
 * database (PostgreSQL's text refuses U+0000, its indexes an email of
 * kilobytes). Refuse the rest as the 400 it is.
 */
function malformedBody(fields: Fields | null | undefined): Response | null {
  if (fields === undefined) return null;
  const refuse = (error: string) => Response.json({ error }, { status: 400 });
  if (fields === null) return refuse("The body must be a form, or a JSON object of strings.");
  if (Object.values(fields).some((value) => value.includes("\u0000"))) return refuse("The body must not contain NUL characters.");
  if ((fields.email?.length ?? 0) > MAX_EMAIL_LENGTH) return refuse(`An email address has at most ${MAX_EMAIL_LENGTH} characters.`);
  return null;
}

/**
 * A POST body's fields, form or JSON alike (next-auth accepts both, so the
 * limits must read both); undefined when there is no such body, null when it
 * is not flat strings.
 */
async function fieldsOf(req: Request): Promise<Fields | null | undefined> {
  if (isForm(req)) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    return form && Object.fromEntries([...form].map(([key, value]) => [key, typeof value === "string" ? value : ""]));
  }
  if (req.method !== "POST" || !req.headers.get("content-type")?.includes("application/json")) return undefined;
  const body = (await req
    .clone()
    .json()
    .catch(() => undefined)) as unknown;
  const flat = typeof body === "object" && body !== null && !Array.isArray(body) && Object.values(body).every((v) => typeof v === "string");
  return flat ? (body as Fields) : null;
}

/**
 * Guards in front of next-auth's routes: a bounded, well-formed body, then rate
 * limits, checked before next-auth writes a token or sends a mail:
 * - email sign-in requests, per address and per client address;
 * - OAuth/OIDC sign-in starts, per client address;
 * - failed CSRF checks and failed links or callbacks, per client address: past
 *   the limit, that address can start nothing until the window has passed.
 * Over a limit: a form post (a browser) is sent to the error page with
 * error=RateLimited; a `json=true` post (next-auth's client) gets 429. Both
 * carry Retry-After. Every failed sign-in is written to the audit trail.
 */
export function guardAuthRoutes<C>(handler: RouteHandler<C>, db: Db = defaultDb): RouteHandler<C> {
  return async (req, ctx) => {
    const oversized = refuseLargeBody(req, MAX_FORM_BYTES);
    if (oversized) return oversized;
    const fields = await fieldsOf(req);
    const malformed = malformedBody(fields);
    if (malformed) return malformed;
    const action = /\/api\/auth\/(signin|callback)\/([^/?]+)/.exec(new URL(req.url).pathname);
    if (!action) return handler(req, ctx);
    const [, step, provider] = action as unknown as [string, "signin" | "callback", string];
    const client = clientInfo(req.headers);
    const { ip } = client;
    const limit = limits();
    const limiter = (name: keyof typeof limit) => limiterOf(db, `auth:${name}`, limit[name]);

    const refuse = (verdict: Exclude<Verdict, { allowed: true }>) => refusal(req, fields ?? null, verdict);

    const blocked = await limiter("failuresPerIp").check(ip);
    if (!blocked.allowed) return refuse(blocked);
    if (step === "signin" && req.method === "POST") {
      const email = fields?.email;
      const checks: [keyof typeof limit, string][] =
        provider === "email"
          ? [
              ["emailPerIp", ip],
              ...(typeof email === "string" ? [["emailPerAddress", normalizeEmail(email)] as [keyof typeof limit, string]] : []),
            ]
          : [["oauthPerIp", ip]];
      for (const [name, key] of checks) {
        const verdict = await limiter(name).consume(key);
        if (!verdict.allowed) return refuse(verdict);
      }
    }

    const response = await handler(req, ctx);
    const failure = await failureOf(response);
    if (failure) {
      await limiter("failuresPerIp").consume(ip);
      await auditInBackground(db, { action: "sign_in_failed", outcome: failure, detail: provider }, client);
    }
    return response;
  };
}

function refusal(req: Request, fields: Fields | null, verdict: { retryAfterSeconds: number }): Response {
  const retryAfter = String(verdict.retryAfterSeconds);
  log().warn({ path: new URL(req.url).pathname, retryAfter }, "sign-in rate limited");
  const wantsJson = fields?.json === "true" || new URL(req.url).searchParams.get("json") === "true";
  if (wantsJson) {
    return Response.json(
      { error: `Too many sign-in attempts. Try again in ${retryAfter} seconds.` },
      { status: 429, headers: { "Retry-After": retryAfter } },
    );
  }
  const errorPage = new URL(`${AUTH_PAGES.error}?error=RateLimited`, env.NEXTAUTH_URL ?? req.url);
  return new Response(null, { status: 302, headers: { Location: errorPage.href, "Retry-After": retryAfter } });
}
