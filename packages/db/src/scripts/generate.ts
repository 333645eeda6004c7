// pnpm db:generate: derive the PostgreSQL schema from the one source, then
// generate both clients (the app picks one by DATABASE_URL at start).
import { execFileSync } from "node:child_process";

import { SCHEMA_FILES, writePostgresSchema } from "../prisma-files";

writePostgresSchema();
for (const schema of Object.values(SCHEMA_FILES)) {
  execFileSync("prisma", ["generate", "--no-hints", "--schema", schema], { stdio: "inherit" });
}
