import type { AuthApp } from "./auth-app";
import type { Browser } from "./browser";
import type { OidcIdentity } from "./oidc-provider";
import type { Mail } from "./smtp-inbox";

export interface SignedIn {
  browser: Browser;
  /** Where the browser ended up after the last redirect. */
  landed: URL;
}

/** The Location a redirect response points to. */
export function locationOf(response: Response): URL {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect, got ${response.status} from ${response.url}`);
  return new URL(location, response.url);
}

/** Submits the OIDC sign-in form with a valid CSRF token; returns the provider URL the app redirects to. */
export async function startOidcSignIn(browser: Browser, callbackUrl: string): Promise<URL> {
  const csrfToken = await browser.csrfToken();
  return locationOf(await browser.postForm("/api/auth/signin/oidc", { csrfToken, callbackUrl }));
}

/** The provider signs its current identity in without asking; returns the app callback it redirects to. */
export async function authorizeAtProvider(browser: Browser, authorizeUrl: URL): Promise<URL> {
  return locationOf(await browser.request(authorizeUrl));
}

/** The whole OIDC sign-in, in a new browser, as `identity`. */
export async function signInByOidc(app: AuthApp, identity: OidcIdentity, callbackUrl = `${app.url}/`): Promise<SignedIn> {
  app.oidc.identity = identity;
  const browser = app.browser();
  const callback = await authorizeAtProvider(browser, await startOidcSignIn(browser, callbackUrl));
  const { url } = await browser.follow(callback);
  return { browser, landed: url };
}

/** The sign-in link in a mail sent by next-auth's email provider. */
export function magicLinkIn(mail: Mail): URL {
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/.exec(mail.message.text ?? "")?.[0];
  if (!link) throw new Error(`no sign-in link in the mail:\n${mail.message.text}`);
  return new URL(link);
}

/** Submits the email sign-in form with a valid CSRF token; returns where it redirects and the link from the mail it sent. */
export async function requestMagicLink(app: AuthApp, browser: Browser, email: string, callbackUrl = `${app.url}/`) {
  const sentBefore = app.inbox.mailsTo(email).length;
  const csrfToken = await browser.csrfToken();
  const redirect = locationOf(await browser.postForm("/api/auth/signin/email", { csrfToken, email, callbackUrl }));
  const mail = app.inbox.mailsTo(email)[sentBefore];
  if (!mail) throw new Error(`no mail to ${email}; the app redirected to ${redirect.href}\n${app.output()}`);
  return { redirect, link: magicLinkIn(mail) };
}

/** The whole email sign-in, in a new browser: request the link, then open it. */
export async function signInByEmail(app: AuthApp, email: string, callbackUrl = `${app.url}/`): Promise<SignedIn & { link: URL }> {
  const browser = app.browser();
  const { link } = await requestMagicLink(app, browser, email, callbackUrl);
  const { url } = await browser.follow(link);
  return { browser, landed: url, link };
}
