import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { copyCheckout, shellEnv } from "@gatehouse/vitest-config/checkout";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { generateRouter } from "../src/router";

// The acceptance: `pnpm gen router widgets` in a copy of the repository, then its
// typecheck, lint and tests pass there with no other change.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const run = promisify(execFile);
let checkout: ReturnType<typeof copyCheckout>;
let generated: string;

/** Runs a command in the copy as a shell would; rejects with its output when it fails. */
async function inCheckout(command: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run(command, args, {
    cwd: checkout.dir,
    env: { ...shellEnv(), NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`${command} ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? error.message}`);
  });
  return stdout + stderr;
}

beforeAll(async () => {
  checkout = copyCheckout(ROOT);
  generated = await inCheckout("pnpm", ["gen", "router", "widgets"]);
});
afterAll(() => checkout?.remove());

describe("pnpm gen router widgets", () => {
  const files = {
    router: "packages/api/src/routers/widgets.ts",
    schema: "packages/api/src/schemas/widgets.ts",
    test: "packages/api/test/widgets.test.ts",
    root: "packages/api/src/root.ts",
    matrix: "packages/api/test/authorization.test.ts",
  };
  const read = (file: string) => readFileSync(path.join(checkout.dir, file), "utf8");

  it("writes the router, its inputs and its test, registers it, and puts its procedures in the authorization matrix", () => {
    for (const file of Object.values(files)) expect(generated).toContain(file);
    expect(read(files.router)).toContain("hello: publicProcedure.input(widgetsHelloInput).query(");
    expect(read(files.router)).toContain("echo: protectedProcedure.input(widgetsEchoInput).mutation(");
    expect(read(files.schema)).toContain("export const widgetsHelloInput = z.object(");
    expect(read(files.root)).toContain('import { widgetsRouter } from "./routers/widgets";');
    expect(read(files.root)).toMatch(/ {2}widgets: widgetsRouter,\n\}\);/);
    expect(read(files.matrix)).toContain('"widgets.hello": {');
    expect(read(files.matrix)).toContain('"widgets.echo": {');
  });

  it("writes its new files already formatted", async () => {
    await inCheckout("pnpm", ["exec", "prettier", "--check", files.router, files.schema, files.test]);
  });

  it("leaves a repository whose typecheck passes", async () => {
    await inCheckout("pnpm", ["typecheck"]);
  });

  it("leaves a repository whose lint passes", async () => {
    await inCheckout("pnpm", ["lint"]);
  });

  it("adds a test that passes, and the authorization matrix passes with the new procedures", async () => {
    const output = await inCheckout("pnpm", [
      // Through turbo, as `pnpm test` runs it: the Prisma clients are generated first.
      ...["exec", "turbo", "run", "test", "--filter=@gatehouse/api", "--"],
      ...["--reporter=verbose", "test/widgets.test.ts", "test/authorization.test.ts"],
    ]);
    expect(output).toMatch(/'widgets\.echo' as 'anonymous': 'UNAUTHORIZED'/);
    expect(output).toMatch(/echo answers a signed-in caller/);
    expect(output).toMatch(/Test Files +\d+ passed \(\d+\)/);
  });

  it("refuses a name that is taken, or not a name, and writes nothing then", async () => {
    const before = Object.values(files).map(read);
    await expect(generateRouter(checkout.dir, "widgets")).rejects.toThrow('already has "widgets"');
    await expect(generateRouter(checkout.dir, "post")).rejects.toThrow('already has "post"');
    await expect(generateRouter(checkout.dir, "Widgets")).rejects.toThrow("not a router name");
    await expect(generateRouter(checkout.dir, "../x")).rejects.toThrow("not a router name");
    expect(Object.values(files).map(read)).toEqual(before);
  });
});
