// Every suite that touches a database runs once per provider, as a vitest project:
// on SQLite always, and on PostgreSQL as well when TEST_DATABASE_URL points at a
// server (`eval "$(pnpm -s db:postgres)"`; CI sets it). The test helpers read
// TEST_DATABASE_PROVIDER to create each file's database on the right one.
//
// File names choose: `x.sqlite.test.ts` runs on SQLite only, `x.postgresql.test.ts`
// on PostgreSQL only, any other `x.test.ts` on both.

const ONLY = { sqlite: "test/**/*.sqlite.test.ts", postgresql: "test/**/*.postgresql.test.ts" };

/**
 * @param {"sqlite" | "postgresql"} provider
 * @returns {import("vitest/config").TestProjectInlineConfiguration}
 */
function project(provider) {
  const other = provider === "sqlite" ? "postgresql" : "sqlite";
  return {
    extends: true,
    test: {
      name: provider,
      include: ["test/**/*.test.ts"],
      exclude: ["**/node_modules/**", ONLY[other]],
      env: { TEST_DATABASE_PROVIDER: provider },
    },
  };
}

/**
 * The `test.projects` of a package whose tests use a database.
 * @returns {import("vitest/config").TestProjectInlineConfiguration[]}
 */
export function databaseProjects() {
  // CI must prove both databases: a run that lost TEST_DATABASE_URL on the way fails, not passes on SQLite alone.
  if (process.env.CI && !process.env.TEST_DATABASE_URL) {
    throw new Error("CI runs every suite on PostgreSQL too: set TEST_DATABASE_URL (.ci/run does, after starting PostgreSQL 15).");
  }
  return process.env.TEST_DATABASE_URL ? [project("sqlite"), project("postgresql")] : [project("sqlite")];
}
