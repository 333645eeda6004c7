import path from "node:path";

import { describe, expect, it } from "vitest";

import { databaseUrlSchema, DEFAULT_SQLITE_FILE, findWorkspaceRoot, normalizeDatabaseUrl } from "../src/env";
import { providerOf, redactDatabaseUrl } from "../src/provider";

const root = findWorkspaceRoot();

describe("DATABASE_URL", () => {
  it("finds the workspace root from anywhere inside it", () => {
    expect(findWorkspaceRoot(path.join(root, "apps", "web", "src"))).toBe(root);
  });

  it("defaults to a git-ignored file in the repo", () => {
    expect(normalizeDatabaseUrl(undefined, root)).toBe(`file:${path.join(root, DEFAULT_SQLITE_FILE)}`);
  });

  it("resolves relative files against the workspace root, so every tool opens the same file", () => {
    expect(normalizeDatabaseUrl("file:./tmp/x.db", root)).toBe(`file:${path.join(root, "tmp", "x.db")}`);
  });

  it("keeps absolute paths and :memory: as they are", () => {
    expect(normalizeDatabaseUrl("file:/var/data/app.db", root)).toBe("file:/var/data/app.db");
    expect(normalizeDatabaseUrl("file::memory:", root)).toBe("file::memory:");
  });
});

describe("DATABASE_URL picks the database", () => {
  it.each([
    ["file:/var/data/app.db", "sqlite"],
    ["postgresql://app:pw@db.internal:5432/app", "postgresql"],
    ["postgres://app@localhost/app", "postgresql"],
  ])("%s is %s", (url, provider) => {
    expect(providerOf(url)).toBe(provider);
    expect(databaseUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each(["mysql://app@localhost/app", "sqlite:///tmp/x.db", "http://db.example", "./dev.db"])(
    "refuses %s with a message naming DATABASE_URL and the accepted forms",
    (url) => {
      const result = databaseUrlSchema.safeParse(url);
      expect(result.success).toBe(false);
      const message = result.error?.issues[0]?.message ?? "";
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("file:");
      expect(message).toContain("postgresql://");
    },
  );

  it("never shows a PostgreSQL password in messages", () => {
    expect(redactDatabaseUrl("postgresql://app:s3cret@db:5432/app")).toBe("postgresql://app:***@db:5432/app");
  });
});
