import { defineConfig } from "vitest/config";

// These tests start the production build (`next start`): `turbo run test` builds first.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // Each file starts its own server; two at once is what two cores carry.
    maxWorkers: 2,
  },
});
