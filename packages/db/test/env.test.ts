import path from "node:path";

import { describe, expect, it } from "vitest";

import { DEFAULT_SQLITE_FILE, findWorkspaceRoot, normalizeDatabaseUrl } from "../src/env";

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
