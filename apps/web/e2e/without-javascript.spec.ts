import type { Page } from "@playwright/test";

import type { AuthApp } from "../test/harness/auth-app";
import { createPost, expect, freshEmail, header, signInWithEmail, signInWithOidc, test, type OtherBrowser } from "./fixtures";

// Every journey in a browser with JavaScript off, from the sign-in page on: the
// server renders each form whole (CSRF tokens included) and answers each post.

/** A page in another browser with JavaScript off (closed by the fixture when the journey ends). */
const withoutJavaScript = (otherBrowser: OtherBrowser) => otherBrowser({ javaScriptEnabled: false });

/** The ids of the posts on the page, in order (each title's element id is `post-<id>`). */
const postIds = async (page: Page) =>
  (
    await page
      .getByTestId("post")
      .locator("h3")
      .evaluateAll((titles) => titles.map((title) => title.id))
  ).map((id) => id.slice("post-".length));

/** The (createdAt, id) a `?cursor=` in the page's URL stands for. */
function cursorOf(page: Page): { createdAt: Date; id: string } {
  const cursor = new URL(page.url()).searchParams.get("cursor")!;
  const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
  return { createdAt: new Date(createdAt), id };
}

/** `count` posts by a new author, a minute apart in `year`: older than any other journey's. */
async function seedOldPosts(app: AuthApp, title: string, count: number, year: number): Promise<void> {
  const author = await app.db.user.create({ data: { email: freshEmail(`${title.toLowerCase()}-author`) } });
  await app.db.post.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      authorId: author.id,
      title: `${title} ${i}`,
      content: "x",
      createdAt: new Date(Date.UTC(year, 0, 1, 0, i)),
    })),
  });
  await app.refreshFeed();
}

/** The 10 posts after the cursor, newest first, as the database holds them. */
async function nextTenAfter(app: AuthApp, { createdAt, id }: { createdAt: Date; id: string }) {
  const rows = await app.db.post.findMany({
    where: { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

test.describe("10. the whole app without JavaScript", () => {
  test("sign in by email link; a reload keeps the session", async ({ app, otherBrowser, snap }) => {
    const page = await withoutJavaScript(otherBrowser);
    await page.goto("/auth/signin");
    await expect(page.getByRole("button", { name: "Sign in with OpenID Connect" })).toBeVisible();
    await snap("sign-in-page", page);
    const email = freshEmail("nojs-mail");
    await signInWithEmail(page, app, email);
    await page.reload();
    await expect(header(page).getByTestId("user-name")).toHaveText(email);
  });

  test("sign in by OIDC", async ({ app, otherBrowser, snap }) => {
    const page = await withoutJavaScript(otherBrowser);
    await signInWithOidc(page, app, { sub: `nojs-${Date.now()}`, email: freshEmail("nojs-oidc"), name: "Nora Noscript" });
    await expect(header(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await snap("signed-in-by-oidc", page);
  });

  test("create a post", async ({ app, otherBrowser }) => {
    const page = await withoutJavaScript(otherBrowser);
    await signInWithEmail(page, app, freshEmail("nojs-writer"));
    const title = `Written without JavaScript ${Date.now()}`;
    await createPost(page, title, "Posted by a plain form.");
    await expect(page.getByTestId("post").first()).toContainText(title);
    expect(await app.db.post.count({ where: { title } })).toBe(1);
  });

  test("page twice with Load more", async ({ app, otherBrowser, snap }) => {
    await seedOldPosts(app, "Archive", 25, 2000); // enough for three pages
    const page = await withoutJavaScript(otherBrowser);
    await page.goto("/");
    let shown = await postIds(page);
    expect(shown).toHaveLength(10);
    for (const _ of [1, 2]) {
      const last = shown.at(-1)!;
      await page.getByRole("link", { name: "Load more" }).click();
      // A new page from the server, starting right after the last post shown.
      await expect(page).toHaveURL(/\?cursor=/);
      const cursor = cursorOf(page);
      expect(cursor.id).toBe(last);
      const next = await postIds(page);
      expect(next).toEqual(await nextTenAfter(app, cursor));
      expect(next.some((id) => shown.includes(id))).toBe(false);
      shown = next;
    }
    await snap("third-page", page);
  });

  test("revoke the other session", async ({ app, otherBrowser, snap }) => {
    const email = freshEmail("nojs-two");
    const other = await withoutJavaScript(otherBrowser);
    await signInWithEmail(other, app, email);
    const page = await withoutJavaScript(otherBrowser);
    await signInWithEmail(page, app, email);

    await page.goto("/account");
    await expect(page.getByTestId("session")).toHaveCount(2);
    await page.getByRole("button", { name: "Sign out this session" }).click();
    await expect(page.getByTestId("session")).toHaveCount(1);
    await expect(page.getByTestId("session")).toContainText("This browser");
    await snap("one-session-left", page);

    await other.goto("/");
    await expect(header(other).getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto("/");
    await expect(header(page).getByTestId("user-name")).toHaveText(email);
  });

  test("sign out", async ({ app, otherBrowser }) => {
    const page = await withoutJavaScript(otherBrowser);
    const email = freshEmail("nojs-leaver");
    await signInWithEmail(page, app, email);
    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    expect(await app.db.session.count({ where: { user: { email } } })).toBe(0);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/auth\/signin/);
  });
});

test.describe("10b. the same feed with JavaScript", () => {
  test("Load more appends the next page in place, without leaving the page", async ({ page, app }) => {
    await seedOldPosts(app, "Old", 12, 2001);
    await page.goto("/");
    const first = await postIds(page);
    expect(first).toHaveLength(10);
    await page.getByRole("link", { name: "Load more" }).click();
    await expect(page.getByTestId("post")).toHaveCount(Math.min(20, await app.db.post.count()));
    expect(new URL(page.url()).search).toBe("");
    expect((await postIds(page)).slice(0, 10)).toEqual(first);
  });

  test("an older page opened by its link, then back to the latest posts: never the older posts under that heading", async ({
    page,
    app,
  }) => {
    await seedOldPosts(app, "Older", 12, 2002);
    await page.goto("/");
    await page.goto((await page.getByRole("link", { name: "Load more" }).getAttribute("href"))!);
    await expect(page.getByRole("heading", { name: "Older posts" })).toBeVisible();
    const older = await postIds(page);
    // What the list shows under "Latest posts", render by render, from here on.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { latestShown: seen });
      new MutationObserver((records) => {
        if (document.getElementById("feed-heading")?.textContent !== "Latest posts") return;
        for (const node of records.flatMap((record) => [...record.addedNodes])) {
          if (node instanceof Element) seen.push(...[...node.querySelectorAll("h3[id^=post-]")].map((title) => title.id.slice(5)));
        }
        seen.push(...[...document.querySelectorAll("h3[id^=post-]")].map((title) => title.id.slice(5)));
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("link", { name: "Back to the latest posts" }).click();
    await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
    await expect.poll(async () => (await postIds(page)).some((id) => older.includes(id))).toBe(false);
    const shown = await page.evaluate(() => (window as unknown as { latestShown: string[] }).latestShown);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => older.includes(id))).toEqual([]);
  });
});
