import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Request,
  type Route,
} from "@playwright/test";

import { startAuthApp, type AuthApp } from "../test/harness/auth-app";
import { magicLinkIn } from "../test/harness/sign-in";

export { expect };

const SCREENSHOTS = fileURLToPath(new URL("../e2e-artifacts/screenshots/", import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * Collects the Content-Security-Policy violations `context`'s pages report on the
 * console; the returned function fails the journey if there were any.
 */
export function watchCsp(context: BrowserContext): () => void {
  const violations: string[] = [];
  context.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  return () => expect(violations).toEqual([]);
}

/** Opens a page in another browser context (see the `otherBrowser` fixture). */
export type OtherBrowser = (options?: BrowserContextOptions) => Promise<Page>;

/**
 * `app`: the production build on a fresh database with a real OIDC provider
 * and SMTP server (the same harness as the HTTP tests), shared by the worker.
 * `baseURL` points every page at it.
 */
export const test = base.extend<{ snap: (name: string, target?: Page) => Promise<void>; otherBrowser: OtherBrowser }, { app: AuthApp }>({
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const app = await startAuthApp();
      await use(app);
      await app.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  // Every journey runs under the app's Content-Security-Policy: a violation the browser reports fails it.
  context: async ({ context }, use) => {
    const assertNoCspViolations = watchCsp(context);
    await use(context);
    assertNoCspViolations();
  },
  /**
   * A page in another browser (its own cookies) on the app, beside `page`: watched
   * for CSP violations like `page`, and closed when the journey ends, passed or failed.
   */
  otherBrowser: async ({ browser, baseURL }, use) => {
    const opened: { context: BrowserContext; assertNoCspViolations: () => void }[] = [];
    await use(async (options) => {
      const context = await browser.newContext({ baseURL, ...options });
      opened.push({ context, assertNoCspViolations: watchCsp(context) });
      return context.newPage();
    });
    try {
      for (const { assertNoCspViolations } of opened) assertNoCspViolations();
    } finally {
      await Promise.all(opened.map(({ context }) => context.close()));
    }
  },
  /** Saves a full-page screenshot under e2e-artifacts/screenshots/ for reviewers. */
  snap: async ({ page }, use, testInfo) => {
    const slug = (text: string) => text.toLowerCase().replace(/\W+/g, "-").replace(/^-|-$/g, "");
    await use(async (name, target = page) => {
      // Named by journey: "3-create-a-post--created.png".
      const file = `${slug(testInfo.titlePath[1] ?? testInfo.title)}--${slug(name)}.png`;
      await target.screenshot({ path: `${SCREENSHOTS}${file}`, fullPage: true });
    });
  },
});

/** The header's main navigation, which holds the signed-in name or the Sign in button. */
export const header = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Signs in through the email form; the link comes from the test SMTP server. */
export async function signInWithEmail(page: Page, app: AuthApp, email: string): Promise<void> {
  const before = app.inbox.mailsTo(email).length;
  await page.goto("/auth/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Sign in with Email" }).click();
  await openMagicLink(page, app, email, before);
}

/** Waits for the mail after the `sentBefore` ones already sent to `email`, and opens its link. */
export async function openMagicLink(page: Page, app: AuthApp, email: string, sentBefore: number): Promise<void> {
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect.poll(() => app.inbox.mailsTo(email).length).toBe(sentBefore + 1);
  await page.goto(magicLinkIn(app.inbox.mailsTo(email)[sentBefore]!).href);
  await expect(header(page).getByTestId("user-name")).toHaveText(email);
}

/** Signs in through the OpenID Connect provider as `identity`. */
export async function signInWithOidc(page: Page, app: AuthApp, identity: AuthApp["oidc"]["identity"]): Promise<void> {
  app.oidc.identity = identity;
  await page.goto("/auth/signin");
  await page.getByRole("button", { name: "Sign in with OpenID Connect" }).click();
  await expect(header(page).getByTestId("user-name")).toHaveText(identity.name);
}

/** Presses Tab until `target` has focus, proving it is reachable by keyboard alone. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with ${maxPresses} Tab presses`);
}

/** The forms are server actions: a POST to the page itself, marked by Next's header. */
export const isServerAction = (request: Request) => request.method() === "POST" && "next-action" in request.headers();

/** Intercepts this page's server action calls; every other request goes through. */
export async function onServerAction(page: Page, handle: (route: Route) => Promise<void>): Promise<void> {
  await page.route("**/*", (route) => (isServerAction(route.request()) ? handle(route) : route.fallback()));
}

let emailSeq = 0;
/** A fresh address per call: journeys do not share users. */
export const freshEmail = (label: string) => `${label}-${Date.now()}-${++emailSeq}@example.test`;

/** Writes a post through the page's form (JavaScript on or off). */
export async function createPost(page: Page, title: string, content = "Written in a real browser."): Promise<void> {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Content").fill(content);
  await page.getByRole("button", { name: "Post", exact: true }).click();
}

/** Deletes the author's own post titled `title` from the feed on `page`. */
export async function deletePost(page: Page, title: string): Promise<void> {
  await page
    .getByTestId("post")
    .filter({ hasText: title })
    .getByRole("button", { name: /^Delete/ })
    .click();
}

/** Puts a marker on `window`; any full page load (a reload, a navigation) wipes it. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { e2eMarker: boolean }).e2eMarker = true));
}

/** Whether the marker set by markWindow is still there: no full page load happened since. */
export const windowStillMarked = (page: Page) => page.evaluate(() => (window as unknown as { e2eMarker?: boolean }).e2eMarker === true);

/**
 * Opens `path` and waits until its stream of `procedure` (a tRPC subscription,
 * e.g. "post.onChange") has answered, so the server follows it from then on;
 * then marks the window (markWindow), to tell later that no reload happened.
 */
export async function openLive(page: Page, path: string, procedure: string): Promise<void> {
  const opened = page.waitForResponse(
    (response) => response.request().resourceType() === "eventsource" && response.url().includes(`/api/trpc/${procedure}?`),
  );
  await page.goto(path);
  await opened;
  await markWindow(page);
}
