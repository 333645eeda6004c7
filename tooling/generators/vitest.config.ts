import { defineConfig } from "vitest/config";

// No database projects: the generated test runs inside the copy, on the databases its own config names.
export default defineConfig({
  // A whole repository's typecheck and lint, beside the other suites on two cores.
  test: { testTimeout: 600_000, hookTimeout: 300_000 },
});
