import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { envShape as apiEnv } from "@gatehouse/api/env";
import { envShape as authEnv } from "@gatehouse/auth/env";
import { envShape as dbEnv } from "@gatehouse/db/env";
import { testEnvShape } from "@gatehouse/db/testing";
import { describe, expect, it } from "vitest";

import { benchEnvShape } from "../bench/env";
import { envShape as webEnv } from "../src/env";
import { serverEnvShape } from "../server/env.mjs";
import { fuzzEnvShape } from "./fuzz-env";
import { inheritedEnvShape } from "./server-env";

// Every variable an env schema reads is listed in .env.example, documented in the README's
// environment table and declared to turbo (else turbo's strict mode never passes it on); and
// none of the three names a variable that nothing reads. The list comes from the schemas.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

const SCHEMAS = {
  "packages/db/src/env.ts": dbEnv,
  "packages/db/src/test-env.ts": testEnvShape,
  "packages/auth/src/env.ts": authEnv,
  "packages/api/src/env.ts": apiEnv,
  "apps/web/src/env.ts": webEnv,
  "apps/web/server/env.mjs": serverEnvShape,
  "apps/web/bench/env.ts": benchEnvShape,
  "apps/web/test/server-env.ts": inheritedEnvShape,
  "apps/web/test/fuzz-env.ts": fuzzEnvShape,
};
const schemaVariables = [...new Set(Object.values(SCHEMAS).flatMap((shape) => Object.keys(shape)))].sort();

const VARIABLE_LINE = /^(?:# ?)?([A-Z][A-Z0-9_]*)=/;

/** `NAME=value` and `# NAME=value` lines, in order, with the line before each. */
function exampleEntries(): { name: string; previous: string }[] {
  const lines = read(".env.example").split("\n");
  return lines.flatMap((line, i) => {
    const name = VARIABLE_LINE.exec(line)?.[1];
    return name ? [{ name, previous: lines[i - 1] ?? "" }] : [];
  });
}

/** The names in the first column of the README's environment table. */
function readmeVariables(): string[] {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("\n## Environment\n"), readme.indexOf("\n## ", readme.indexOf("\n## Environment\n") + 1));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]!));
}

interface TurboJson {
  globalEnv?: string[];
  globalPassThroughEnv?: string[];
  tasks: Record<string, { env?: string[]; passThroughEnv?: string[] }>;
}
const turboFiles = ["turbo.json", "apps/web/turbo.json"].map((file) => JSON.parse(read(file)) as TurboJson);
const turboDeclared = new Set(
  turboFiles.flatMap((turbo) => [
    ...(turbo.globalEnv ?? []),
    ...(turbo.globalPassThroughEnv ?? []),
    ...Object.values(turbo.tasks).flatMap((task) => [...(task.env ?? []), ...(task.passThroughEnv ?? [])]),
  ]),
);

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe("the environment", () => {
  it("the schemas read variables (the list this test checks against is not empty)", () => {
    expect(schemaVariables).toContain("DATABASE_URL");
    expect(schemaVariables).toContain("NEXTAUTH_SECRET");
    expect(schemaVariables.length).toBeGreaterThan(30);
  });

  it(".env.example lists every variable the schemas read, and no other", () => {
    expect(sorted(exampleEntries().map((entry) => entry.name))).toEqual(schemaVariables);
  });

  it(".env.example lists each variable once, under a comment that says what it is", () => {
    const entries = exampleEntries();
    const names = entries.map((entry) => entry.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const { name, previous } of entries) {
      expect(previous, `the line above ${name}`).toMatch(/^# \S/);
      expect(previous, `the line above ${name}`).not.toMatch(VARIABLE_LINE);
    }
  });

  it("the README's environment table documents every variable the schemas read, and no other", () => {
    expect(sorted(readmeVariables())).toEqual(schemaVariables);
  });

  it("turbo.json declares every variable the schemas read, so turbo passes it to dev, start, build and test", () => {
    expect(schemaVariables.filter((name) => !turboDeclared.has(name))).toEqual([]);
  });

  it("turbo.json's globalEnv declares only variables a schema reads", () => {
    expect((turboFiles[0]!.globalEnv ?? []).filter((name) => !schemaVariables.includes(name))).toEqual([]);
  });
});
