import { transformer } from "@gatehouse/api/transformer";
import type { Db } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser, type TestDatabase } from "@gatehouse/db/testing";

import { startNextServer, type NextServer } from "../next-server";
import { Browser } from "./browser";
import { startLoadBalancer, type LoadBalancer } from "./load-balancer";
import { startOidcProvider, type OidcProvider } from "./oidc-provider";
import { startSmtpInbox, type SmtpInbox } from "./smtp-inbox";

/** next-auth's cookie for a database session over plain http. */
export const SESSION_COOKIE = "next-auth.session-token";
export const EMAIL_FROM = "Gatehouse <noreply@gatehouse.test>";

export interface AuthApp {
  /** NEXTAUTH_URL; the app is only ever called on this origin (the load balancer's, with several instances). */
  url: string;
  /** The production servers; with more than one, all behind `balancer`, sharing the database and the secret. */
  instances: NextServer[];
  balancer?: LoadBalancer;
  /** The app's own database, to inspect. */
  db: Db;
  oidc: OidcProvider;
  inbox: SmtpInbox;
  /** A new browser with an empty cookie jar. */
  browser: () => Browser;
  /**
   * After posts were written straight into `db`: makes the app drop its cached first page of the
   * feed. Such writes announce nothing (only the app's own writes do), so for up to
   * FEED_CACHE_TTL_MS the home page could still show the feed from before them.
   */
  refreshFeed: () => Promise<void>;
  /** The servers' logs so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface AuthAppOptions {
  /** Production servers to run (default 1); more than one are put behind a load balancer. */
  instances?: number;
  /** The database to run on (default: a fresh one of the suite's provider). */
  database?: TestDatabase;
  /** More environment for the servers (limits, log level…). */
  env?: Record<string, string>;
}

/** The production build on a fresh database, signing in through a real OIDC provider and a real SMTP server. */
export async function startAuthApp({ instances: count = 1, database, env: extraEnv = {} }: AuthAppOptions = {}): Promise<AuthApp> {
  const testDb = database ?? (await createTestDatabase());
  const stops: (() => Promise<unknown>)[] = [testDb.drop];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const oidc = await startOidcProvider();
    stops.push(oidc.stop);
    const inbox = await startSmtpInbox();
    stops.push(inbox.stop);
    const balancer = count > 1 ? await startLoadBalancer() : undefined;
    if (balancer) stops.push(balancer.stop);
    const env = { DATABASE_URL: testDb.url, ...oidc.env, EMAIL_SERVER: inbox.url, EMAIL_FROM, ...extraEnv };
    const instances = await Promise.all(
      Array.from({ length: count }, () => startNextServer(balancer ? { ...env, NEXTAUTH_URL: balancer.url } : env)),
    );
    stops.push(...instances.map((instance) => instance.stop));
    balancer?.setTargets(instances.map((instance) => instance.url));
    const url = balancer?.url ?? instances[0]!.url;
    return {
      url,
      instances,
      balancer,
      db: testDb.db,
      oidc,
      inbox,
      browser: () => new Browser(url),
      refreshFeed: () => refreshFeed({ db: testDb.db, url, browser: () => new Browser(url) }),
      output: () => instances.map((instance) => instance.output()).join("\n"),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A post created and deleted through the app, as a throwaway user: both announce a feed change. */
async function refreshFeed(app: Pick<AuthApp, "db" | "browser" | "url">): Promise<void> {
  const user = await insertUser(app.db, { name: "Feed refresher" });
  const { browser } = await signedInBrowser(app, user.id);
  const created = await trpcMutation<{ id: string }>(browser, "post.create", { title: "Feed refresh", content: "Gone at once." });
  if (!created.data) throw new Error(`post.create failed: ${JSON.stringify(created.error)}`);
  const deleted = await trpcMutation(browser, "post.delete", { id: created.data.id });
  if (deleted.status !== 200) throw new Error(`post.delete failed: ${JSON.stringify(deleted.error)}`);
  await app.db.user.delete({ where: { id: user.id } });
}

export interface SignedInBrowser {
  browser: Browser;
  userId: string;
  /** The session token in the browser's cookie. */
  token: string;
}

/** A new browser signed in as `userId` (a new user by default), its session written straight into the database. */
export async function signedInBrowser(app: Pick<AuthApp, "db" | "browser" | "url">, userId?: string): Promise<SignedInBrowser> {
  const id = userId ?? (await insertUser(app.db)).id;
  const token = await insertSession(app.db, id);
  const browser = app.browser();
  await browser.jar.setCookie(`${SESSION_COOKIE}=${token}`, app.url);
  return { browser, userId: id, token };
}

/** GET /api/auth/session: `{}` when anonymous. */
export async function readSession(browser: Browser): Promise<{ user?: Record<string, unknown> }> {
  return (await (await browser.request("/api/auth/session")).json()) as { user?: Record<string, unknown> };
}

export interface TrpcResult<T = unknown> {
  status: number;
  /** The transformer-decoded result when the call succeeded. */
  data?: T;
  /** The transformer-decoded error otherwise: `{ message, data: { code, httpStatus, zodError } }`. */
  error?: { message: string; data: { code: string; httpStatus: number } & Record<string, unknown> };
}

type Encoded = Parameters<typeof transformer.deserialize>[0];

async function decodeTrpc<T>(response: Response): Promise<TrpcResult<T>> {
  const body = (await response.json()) as { result?: { data: Encoded }; error?: Encoded };
  return {
    status: response.status,
    data: body.result ? transformer.deserialize<T>(body.result.data) : undefined,
    error: body.error ? transformer.deserialize(body.error) : undefined,
  };
}

/** A tRPC query over GET, as the app's client sends it (transformer-encoded input). */
export async function trpcQuery<T = unknown>(browser: Browser, procedure: string, input?: unknown): Promise<TrpcResult<T>> {
  const encoded = encodeURIComponent(JSON.stringify(transformer.serialize(input)));
  return decodeTrpc<T>(await browser.request(`/api/trpc/${procedure}?input=${encoded}`));
}

/** A tRPC mutation over POST. */
export async function trpcMutation<T = unknown>(browser: Browser, procedure: string, input?: unknown): Promise<TrpcResult<T>> {
  return decodeTrpc<T>(
    await browser.request(`/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(transformer.serialize(input)),
    }),
  );
}

/** tRPC `auth.me`; `user` is the decoded result when the status is 200. */
export async function callAuthMe(browser: Browser): Promise<{ status: number; user?: unknown }> {
  const { status, data } = await trpcQuery(browser, "auth.me");
  return { status, user: data };
}
