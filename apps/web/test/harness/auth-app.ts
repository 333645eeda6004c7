import type { Db } from "@gatehouse/db";
import { createTestDatabase } from "@gatehouse/db/testing";

import { startNextServer } from "../next-server";
import { Browser } from "./browser";
import { startOidcProvider, type OidcProvider } from "./oidc-provider";
import { startSmtpInbox, type SmtpInbox } from "./smtp-inbox";

/** next-auth's cookie for a database session over plain http. */
export const SESSION_COOKIE = "next-auth.session-token";
export const EMAIL_FROM = "Gatehouse <noreply@gatehouse.test>";

export interface AuthApp {
  /** NEXTAUTH_URL; the app is only ever called on this origin. */
  url: string;
  /** The app's own database, to inspect. */
  db: Db;
  oidc: OidcProvider;
  inbox: SmtpInbox;
  /** A new browser with an empty cookie jar. */
  browser: () => Browser;
  /** The server's log so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** The production build on a fresh database, signing in through a real OIDC provider and a real SMTP server. */
export async function startAuthApp(): Promise<AuthApp> {
  const testDb = await createTestDatabase();
  const stops: (() => Promise<void>)[] = [testDb.drop];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const oidc = await startOidcProvider();
    stops.push(oidc.stop);
    const inbox = await startSmtpInbox();
    stops.push(inbox.stop);
    const server = await startNextServer({
      DATABASE_URL: testDb.url,
      ...oidc.env,
      EMAIL_SERVER: inbox.url,
      EMAIL_FROM,
    });
    stops.push(server.stop);
    return { url: server.url, db: testDb.db, oidc, inbox, browser: () => new Browser(server.url), output: server.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** GET /api/auth/session: `{}` when anonymous. */
export async function readSession(browser: Browser): Promise<{ user?: Record<string, unknown> }> {
  return (await (await browser.request("/api/auth/session")).json()) as { user?: Record<string, unknown> };
}

/** tRPC `auth.me` over GET; `user` is the superjson-decoded result when the status is 200. */
export async function callAuthMe(browser: Browser): Promise<{ status: number; user?: unknown }> {
  const response = await browser.request(`/api/trpc/auth.me?input=${encodeURIComponent(JSON.stringify({}))}`);
  const body = (await response.json()) as { result?: { data: { json: unknown } } };
  return { status: response.status, user: body.result?.data.json };
}
