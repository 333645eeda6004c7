import { defineConfig } from "@playwright/test";

// Browser journeys against the production build (`pnpm build` first), in Debian's
// Chromium: Playwright never downloads a browser here.
export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e-artifacts/results",
  // One worker: the journeys share one app (fixtures.ts), and the machine has two cores.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { outputFolder: "e2e-artifacts/report", open: "never" }]],
  use: {
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
