import { databaseProjects } from "@gatehouse/vitest-config/databases";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Generous: CI runs these beside the web build on two cores.
    testTimeout: 15_000,
    env: {
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      NEXTAUTH_URL: "http://app.test",
      // No key: outside production one is generated (service-tokens.test.ts checks that it says so).
      SERVICE_TOKEN_AUDIENCES: "billing,reports",
    },
    projects: databaseProjects(),
  },
});
