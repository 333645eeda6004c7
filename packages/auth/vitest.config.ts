import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    env: { NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123", NEXTAUTH_URL: "http://app.test" },
  },
});
