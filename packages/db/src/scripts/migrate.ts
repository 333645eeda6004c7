// pnpm db:migrate: apply the committed migrations of the database DATABASE_URL
// names (prisma.config.ts picks the set), then the data steps no SQL can do on
// both databases. Run it once per deploy, before the new app instances start:
// never from every instance.
import "@gatehouse/root-env/load";

import { spawnSync } from "node:child_process";

import { db } from "../client";
import { withoutAdapterUrlWarning } from "../prisma-cli-output";
import { writePostgresSchema } from "../prisma-files";
import { closeDatabase } from "../services";
import { hashLegacySessionTokens } from "../session-tokens";

writePostgresSchema();
const deploy = spawnSync("prisma", ["migrate", "deploy"], { stdio: ["inherit", "pipe", "inherit"], encoding: "utf8" });
process.stdout.write(withoutAdapterUrlWarning(deploy.stdout ?? ""));
if (deploy.status !== 0) {
  console.error(`prisma migrate deploy failed (${deploy.error?.message ?? `exit ${deploy.status ?? deploy.signal}`})`);
  process.exit(1);
}
try {
  const hashed = await hashLegacySessionTokens(db);
  if (hashed > 0) console.log(`Hashed the tokens of ${hashed} session(s) stored before tokens were hashed.`);
} finally {
  await closeDatabase(db);
}
