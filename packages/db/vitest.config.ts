import { databaseProjects } from "@gatehouse/vitest-config/databases";
import { defineConfig } from "vitest/config";

// The script tests start Node processes, which takes seconds on a loaded 2-core machine.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000, projects: databaseProjects() },
});
