// @ts-check
// `pnpm dev`: `next dev` with the repository root's .env loaded first (Next
// itself reads .env only from apps/web), on PORT, with NEXTAUTH_URL defaulting
// to this server: next-auth builds its links from it, and warns without it.
import "@gatehouse/root-env/load";

import { createRequire } from "node:module";

import { setEnv } from "@gatehouse/root-env";

import { env } from "./env.mjs";

setEnv({ NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}` });
// Next's own command line, in this process: it reads its arguments from argv.
process.argv.splice(2, process.argv.length, "dev", "--port", String(env.PORT));
await import(createRequire(import.meta.url).resolve("next/dist/bin/next"));
