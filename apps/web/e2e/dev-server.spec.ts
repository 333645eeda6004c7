import { spawn } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createDb, type Db } from "@gatehouse/db";
import { copyCheckout } from "@gatehouse/vitest-config/checkout";

import { freePort } from "../test/next-server";
import { createPost, expect, header, test as base } from "./fixtures";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface DevServer {
  url: string;
  /** Everything `pnpm dev` printed. */
  output: () => string;
  db: Db;
  /** The copy of the repository it runs in. */
  dir: string;
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Ctrl-C, as a person stops `pnpm dev`: turbo stops the dev server, then exits.
 * Waits until every process of the group is gone (killed after 30 s).
 */
async function stop(pgid: number): Promise<void> {
  if (groupAlive(pgid)) process.kill(-pgid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
}

/**
 * `pnpm dev` as a new user runs it: a copy of the repository (the files git
 * knows, installed), `cp .env.example .env`, `pnpm dev`, with nothing else in the
 * environment but the port. Its database is the default one, inside the copy,
 * so a dev server that reacts to the file's writes (a reload loop) shows up here.
 */
const test = base.extend<object, { dev: DevServer }>({
  dev: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const checkout = copyCheckout(ROOT);
      copyFileSync(path.join(checkout.dir, ".env.example"), path.join(checkout.dir, ".env"));
      const port = await freePort();
      let output = "";
      const child = spawn("pnpm", ["dev"], {
        cwd: checkout.dir,
        // Not even NODE_ENV: a new user's shell has none (Next's types insist on it, hence the cast).
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NEXT_TELEMETRY_DISABLED: "1",
          TURBO_TELEMETRY_DISABLED: "1",
          PORT: String(port),
        } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      // next-auth's URLs are http://localhost:PORT (pnpm dev's NEXTAUTH_URL): the browser must use that host.
      const url = `http://localhost:${port}`;
      try {
        await expect
          .poll(
            () =>
              child.exitCode === null
                ? fetch(`${url}/api/auth/csrf`).then(
                    (r) => r.status,
                    () => 0,
                  )
                : -1,
            { timeout: 200_000, intervals: [500] },
          )
          .toBe(200);
      } catch (error) {
        await stop(child.pid!);
        throw new Error(`pnpm dev did not answer:\n${output}`, { cause: error });
      }
      const db = createDb(`file:${path.join(checkout.dir, "packages/db/data/dev.db")}`);
      await use({ url, output: () => output, db, dir: checkout.dir });
      await db.$disconnect();
      await stop(child.pid!);
      checkout.remove();
    },
    { scope: "worker", timeout: 300_000 },
  ],
  baseURL: async ({ dev }, use) => use(dev.url),
});

test.describe("10. pnpm dev", () => {
  test.setTimeout(240_000);

  test("a fresh checkout with .env.example as .env: sign in through the dev mailbox, post, delete, sign out; no reload, no next-auth warning", async ({
    page,
    dev,
    snap,
  }) => {
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
    await page
      .getByRole("link", { name: `Sign in as ${email}` })
      .first()
      .click();
    await expect(header(page).getByTestId("user-name")).toHaveText(email);
    expect(dev.output()).toContain(`[dev mailbox] Sign-in link for ${email}`);

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

    // With no configuration: the checkout's own secret, not one warning from next-auth, nor Prisma's on migrating.
    expect(existsSync(path.join(dev.dir, ".nextauth-dev-secret"))).toBe(true);
    expect(dev.output()).toContain("- Environments: .env (repository root)");
    expect(dev.output()).not.toMatch(/\[next-auth\]\[(warn|error)\]|WARNING/);
  });
});
