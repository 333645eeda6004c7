import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createDb, type Db } from "@gatehouse/db";
import { applyMigrations } from "@gatehouse/db/testing";

import { startNextServer, type NextServer } from "../test/next-server";
import { createPost, expect, header, test as base } from "./fixtures";

// Where `pnpm dev` keeps its database: inside the repo, so a dev server that
// reacts to the file's writes (a reload loop) shows up here.
const DATA_DIR = fileURLToPath(new URL("../../../packages/db/data/", import.meta.url));

const test = base.extend<object, { dev: { server: NextServer; db: Db } }>({
  dev: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const file = path.join(DATA_DIR, `e2e-dev-${process.pid}.db`);
      applyMigrations(file);
      const server = await startNextServer({ DATABASE_URL: `file:${file}` }, "dev");
      const db = createDb(`file:${file}`);
      await use({ server, db });
      await db.$disconnect();
      await server.stop();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
    { scope: "worker", timeout: 240_000 },
  ],
  baseURL: async ({ dev }, use) => use(dev.server.url),
});

test.describe("10. pnpm dev", () => {
  test.setTimeout(240_000);

  test("sign in through the dev mailbox, post, delete, sign out; the page never reloads itself", async ({ page, dev, snap }) => {
    let documentLoads = 0;
    page.on("domcontentloaded", () => documentLoads++);
    await page.goto("/");
    await expect(header(page).getByRole("link", { name: "Dev mailbox" })).toBeVisible();
    await page.waitForTimeout(3_000);
    expect(documentLoads).toBe(1);

    const email = `dev-${Date.now()}@example.test`;
    await header(page).getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Sign in with Email" }).click();
    await page.getByRole("main").getByRole("link", { name: "dev mailbox" }).click();
    await page.getByRole("link", { name: `Sign in as ${email}` }).first().click();
    await expect(header(page).getByTestId("user-name")).toHaveText(email);
    expect(dev.server.output()).toContain(`[dev mailbox] Sign-in link for ${email}`);

    const title = `Dev post ${Date.now()}`;
    await createPost(page, title, "Written against next dev.");
    const item = page.getByTestId("post").filter({ hasText: title });
    await expect(item).toBeVisible();
    await snap("posted");

    // Writing to the database must not make the dev server rebuild and reload the page.
    const loadsAfterPosting = documentLoads;
    await page.waitForTimeout(3_000);
    expect(documentLoads).toBe(loadsAfterPosting);

    await item.getByRole("button", { name: /^Delete/ }).click();
    await expect(item).toHaveCount(0);
    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
    expect(await dev.db.post.count({ where: { title } })).toBe(0);
  });
});
