import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { findWorkspaceRoot } from "@gatehouse/db/env";
import { afterEach, describe, expect, it } from "vitest";

import { developmentSecret, DEVELOPMENT_SECRET_FILE } from "../src/secret";

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the development secret", () => {
  it("is made once per checkout, kept in a file only its owner reads, and read back afterwards", () => {
    const dir = freshDir();
    const secret = developmentSecret(dir);
    expect(secret).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    const file = path.join(dir, DEVELOPMENT_SECRET_FILE);
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(developmentSecret(dir)).toBe(secret);
  });

  it("differs between checkouts", () => {
    expect(developmentSecret(freshDir())).not.toBe(developmentSecret(freshDir()));
  });

  it("refuses a file that holds no usable secret, naming it", () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, DEVELOPMENT_SECRET_FILE), "short\n");
    expect(() => developmentSecret(dir)).toThrow(DEVELOPMENT_SECRET_FILE);
  });

  it("is never committed: git ignores its file at the root of the checkout", () => {
    const root = findWorkspaceRoot();
    const ignored = execFileSync("git", ["check-ignore", "--no-index", DEVELOPMENT_SECRET_FILE], { cwd: root, encoding: "utf8" });
    expect(ignored.trim()).toBe(DEVELOPMENT_SECRET_FILE);
  });
});
