import { insertUser, testProvider } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE, signedInBrowser, startAuthApp, trpcMutation, type AuthApp } from "./harness/auth-app";
import type { Browser } from "./harness/browser";
import { CSRF_COOKIE, csrfCookieSet, csrfTokenOfCookie, formFields } from "./harness/forms";
import { nonceOf, renderedAt, viewUntilCached } from "./harness/pages";

// The home page served again from memory (src/lib/page-cache.ts), on the production build: what a copy is, whom it
// is served to, and that whatever changes the page drops it. The cache is on here whatever the run's settings, and
// its TTL (a minute) is longer than any test: a page that changes did so because a change dropped its copy.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp({ env: { PAGE_CACHE_TTL_MS: "60000" } });
});
afterAll(() => app?.stop());

interface Page {
  response: Response;
  html: string;
  nonce: string;
  /** When the page was rendered: the time its feed was handed to React Query (a copy keeps it). */
  renderedAt: string;
}

async function read(response: Response): Promise<Page> {
  const html = await response.text();
  expect(response.status).toBe(200);
  const page = { response, html, nonce: nonceOf(response), renderedAt: renderedAt(html) ?? "" };
  expect(page.nonce).not.toBe("");
  expect(page.renderedAt).not.toBe("");
  return page;
}

const home = async (browser: Browser) => read(await browser.request("/"));
const homeWith = async (headers: Record<string, string>) => read(await fetch(`${app.url}/`, { headers }));

/** A user with a name of their own, signed in through the database. */
async function signedIn(name: string, role: "USER" | "ADMIN" = "USER") {
  const user = await insertUser(app.db, { name, role });
  return signedInBrowser(app, user.id);
}

describe(`the home page from memory (${testProvider})`, () => {
  it("is served to a signed-out visitor with a fresh nonce, on its policy and every script", async () => {
    const first = await viewUntilCached(() => homeWith({}));
    const second = await homeWith({});
    expect(second.renderedAt).toBe(first.renderedAt);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.response.headers.get("x-request-id")).not.toBe(first.response.headers.get("x-request-id"));
    for (const page of [first, second]) {
      const scripts = [...page.html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${page.nonce}"`);
      expect(page.response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(page.response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(second.html.split(second.nonce).join("")).toBe(first.html.split(first.nonce).join(""));
  });

  it("is compressed for a browser that accepts gzip, and plain for one that does not", async () => {
    const gzipped = await viewUntilCached(() => homeWith({ "accept-encoding": "gzip" }));
    expect(gzipped.response.headers.get("content-encoding")).toBe("gzip");
    const plain = await homeWith({ "accept-encoding": "identity" });
    expect(plain.response.headers.get("content-encoding")).toBeNull();
    expect(plain.html.split(plain.nonce).join("")).toBe(gzipped.html.split(gzipped.nonce).join(""));
  });

  it("is kept per session: each person sees their own name and their own sign-out token", async () => {
    const ada = await signedIn("Ada Lovelace");
    const grace = await signedIn("Grace Hopper");
    const [adas, graces] = [await viewUntilCached(() => home(ada.browser)), await viewUntilCached(() => home(grace.browser))];
    expect(adas.html).toContain("Ada Lovelace");
    expect(adas.html).not.toContain("Grace Hopper");
    expect(graces.html).toContain("Grace Hopper");
    expect(graces.html).not.toContain("Ada Lovelace");
    for (const [page, { browser }] of [
      [adas, ada],
      [graces, grace],
    ] as const) {
      expect(formFields(page.html, "/api/auth/signout")?.csrfToken).toBe(csrfTokenOfCookie((await browser.cookie(CSRF_COOKIE))!));
    }
    // The signed-out copy is not theirs either.
    expect((await homeWith({})).html).not.toContain("Ada Lovelace");
  });

  it("is never kept when the response sets a cookie: each view without a CSRF cookie gets its own token", async () => {
    const { token } = await signedIn("Cookieless");
    const views = [await homeWith({ cookie: `${SESSION_COOKIE}=${token}` }), await homeWith({ cookie: `${SESSION_COOKIE}=${token}` })];
    const tokens = views.map(({ response, html }) => {
      const cookieToken = csrfCookieSet(response);
      expect(cookieToken).toMatch(/^[0-9a-f]{64}$/);
      expect(formFields(html, "/api/auth/signout")?.csrfToken).toBe(cookieToken);
      return cookieToken;
    });
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(views[1]!.renderedAt).not.toBe(views[0]!.renderedAt);
  });

  it("shows a post at once when it is created, and drops it at once when it is deleted", async () => {
    const author = await signedIn("Author");
    await viewUntilCached(() => homeWith({}));
    await viewUntilCached(() => home(author.browser));
    const title = "Fresh from the page cache test";
    const created = await trpcMutation<{ id: string }>(author.browser, "post.create", { title, content: "Shown at once." });
    expect(created.status).toBe(200);
    expect((await homeWith({})).html).toContain(title);
    expect((await home(author.browser)).html).toContain(title);

    await viewUntilCached(() => homeWith({}));
    expect((await trpcMutation(author.browser, "post.delete", { id: created.data!.id })).status).toBe(200);
    expect((await homeWith({})).html).not.toContain(title);
    expect((await home(author.browser)).html).not.toContain(title);
  });

  it("is not served to a session once it signed out: its old cookie gets the signed-out page", async () => {
    const { browser, token } = await signedIn("Leaver");
    const page = await viewUntilCached(() => home(browser));
    expect(page.html).toContain("Sign out");
    const oldCookies = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${await browser.cookie(CSRF_COOKIE)}`;
    await browser.postForm("/api/auth/signout", formFields(page.html, "/api/auth/signout")!);

    const after = await homeWith({ cookie: oldCookies });
    expect(after.html).not.toContain("Leaver");
    expect(after.html).toContain("Sign in to write posts.");
  });

  it("shows a new role at once: the Admin link appears for a user made admin", async () => {
    const { browser: admin } = await signedIn("Root", "ADMIN");
    const user = await signedIn("Promoted");
    expect((await viewUntilCached(() => home(user.browser))).html).not.toContain('href="/admin"');
    expect((await trpcMutation(admin, "admin.setRole", { userId: user.userId, role: "ADMIN" })).status).toBe(200);
    expect((await home(user.browser)).html).toContain('href="/admin"');
  });

  it("names the user in the log line of a page served from memory, as for a page rendered", async () => {
    const { browser, userId } = await signedIn("Logged");
    const page = await viewUntilCached(() => home(browser));
    const requestId = page.response.headers.get("x-request-id")!;
    await expect.poll(() => app.output()).toContain(requestId);
    const line = app
      .output()
      .split("\n")
      .find((text) => text.includes(requestId))!;
    expect(JSON.parse(line)).toMatchObject({ reqId: requestId, route: "/", status: 200, userId });
  });
});
