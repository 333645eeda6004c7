// pnpm db:migrate: apply the committed migrations of the database DATABASE_URL
// names (prisma.config.ts picks the set). Run it once per deploy, before the
// new app instances start: never from every instance.
import { execFileSync } from "node:child_process";

import { writePostgresSchema } from "../prisma-files";

writePostgresSchema();
execFileSync("prisma", ["migrate", "deploy"], { stdio: "inherit" });
