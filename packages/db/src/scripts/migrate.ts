// pnpm db:migrate: apply the committed migrations of the database DATABASE_URL
// names (prisma.config.ts picks the set), then the data steps no SQL can do on
// both databases. Run it once per deploy, before the new app instances start:
// never from every instance.
import "@gatehouse/root-env/load";

import { execFileSync } from "node:child_process";

import { db } from "../client";
import { writePostgresSchema } from "../prisma-files";
import { closeDatabase } from "../services";
import { hashLegacySessionTokens } from "../session-tokens";

writePostgresSchema();
execFileSync("prisma", ["migrate", "deploy"], { stdio: "inherit" });
try {
  const hashed = await hashLegacySessionTokens(db);
  if (hashed > 0) console.log(`Hashed the tokens of ${hashed} session(s) stored before tokens were hashed.`);
} finally {
  await closeDatabase(db);
}
