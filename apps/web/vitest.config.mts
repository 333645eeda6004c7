import { databaseProjects } from "@gatehouse/vitest-config/databases";
import { defineConfig } from "vitest/config";

// These tests start the production build (`next start`): `turbo run test` builds first.
// Browser journeys (e2e/) run under Playwright: `pnpm test:e2e`.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // Each file starts its own server; two at once is what two cores carry.
    maxWorkers: 2,
    projects: databaseProjects(),
  },
});
