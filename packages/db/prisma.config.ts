import { defineConfig } from "prisma/config";

import { env } from "./src/env";
import { SQLiteAdapterFactory } from "./src/sqlite-adapter";

// Prisma 6.19 with the WebAssembly schema engine: the CLI migrates through the
// same driver adapter the app uses, so nothing is downloaded (see README).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: () => Promise.resolve(new SQLiteAdapterFactory(env.DATABASE_URL)),
});
