import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, it } from "vitest";

// What the browser downloads (the production build's static chunks) holds none of
// the server's code: no database client, no driver, no next-auth server core, no secret's name.
const CHUNKS = fileURLToPath(new URL("../.next/static/chunks/", import.meta.url));
const SERVER_ONLY = [
  "PrismaClient",
  "better-sqlite3",
  "pg-protocol",
  "getServerSession",
  "NEXTAUTH_SECRET",
  "DATABASE_URL",
  "sessionAndUser",
];

it("no server-only code reaches the client bundles", () => {
  const files = readdirSync(CHUNKS, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const source = readFileSync(path.join(CHUNKS, file), "utf8");
    for (const marker of SERVER_ONLY) expect({ file, marker, found: source.includes(marker) }).toEqual({ file, marker, found: false });
  }
});
