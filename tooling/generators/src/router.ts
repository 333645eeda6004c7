import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { format, resolveConfig } from "prettier";

const TEMPLATES = new URL("../templates/", import.meta.url);

const API = "packages/api";
const ROOT_ROUTER = `${API}/src/root.ts`;
const MATRIX = `${API}/test/authorization.test.ts`;

/** A router's name: its key in the root router and the stem of its files, e.g. `widgets` or `billingPlans`. */
export const ROUTER_NAME = /^[a-z][a-zA-Z0-9]*$/;

const template = (file: string, name: string) => readFileSync(new URL(file, TEMPLATES), "utf8").replaceAll("__NAME__", name);

/**
 * `pnpm gen router <name>`: a router with one public query and one protected
 * mutation, their zod inputs, and a test that calls both anonymous and signed in;
 * the router registered in the root router and its procedures in the
 * authorization matrix (whose first test fails for a procedure it does not name).
 * Returns the files written or changed, relative to `root`. Throws, having
 * written nothing, for a bad or taken name.
 */
export async function generateRouter(root: string, name: string): Promise<string[]> {
  if (!ROUTER_NAME.test(name))
    throw new Error(`"${name}" is not a router name: a lowercase letter, then letters and digits (e.g. widgets)`);
  const created = {
    [`${API}/src/routers/${name}.ts`]: template("router.ts.tmpl", name),
    [`${API}/src/schemas/${name}.ts`]: template("schema.ts.tmpl", name),
    [`${API}/test/${name}.test.ts`]: template("test.ts.tmpl", name),
  };
  const at = (file: string) => path.join(root, file);
  const rootRouter = readFileSync(at(ROOT_ROUTER), "utf8");
  if (new RegExp(`^\\s+${name}:`, "m").test(rootRouter)) throw new Error(`The root router already has "${name}" (${ROOT_ROUTER})`);
  for (const file of Object.keys(created)) if (existsSync(at(file))) throw new Error(`${file} already exists`);

  const changed = {
    [ROOT_ROUTER]: registerRouter(rootRouter, name),
    [MATRIX]: addToMatrix(readFileSync(at(MATRIX), "utf8"), template("matrix.ts.tmpl", name)),
  };
  // New files in the repository's style; the changed ones keep theirs (one line each, written in it).
  for (const [file, source] of Object.entries(created)) {
    writeFileSync(at(file), await format(source, { ...(await resolveConfig(at(file))), filepath: at(file) }));
  }
  for (const [file, source] of Object.entries(changed)) writeFileSync(at(file), source);
  return [...Object.keys(created), ...Object.keys(changed)];
}

/** root.ts with the router's import among the others and its key last in `router({ … })`. */
export function registerRouter(source: string, name: string): string {
  const imports = [...source.matchAll(/^import \{ \w+Router \} from "\.\/routers\/[\w-]+";\n/gm)];
  const last = imports.at(-1);
  const registry = /(export const appRouter = router\(\{\n(?: {2}.*\n)*)(\}\);)/.exec(source);
  if (!last || !registry) throw new Error(`${ROOT_ROUTER} is not shaped as expected: register ${name}Router by hand`);
  const withKey = source.replace(registry[0], `${registry[1]}  ${name}: ${name}Router,\n${registry[2]}`);
  const end = last.index + last[0].length;
  return `${withKey.slice(0, end)}import { ${name}Router } from "./routers/${name}";\n${withKey.slice(end)}`;
}

/** authorization.test.ts with `entries` at the end of MATRIX. */
export function addToMatrix(source: string, entries: string): string {
  const start = source.indexOf("\nconst MATRIX");
  const end = source.indexOf("\n};\n", start);
  if (start === -1 || end === -1) throw new Error(`${MATRIX} has no MATRIX object: add the entries by hand`);
  return `${source.slice(0, end + 1)}${entries}${source.slice(end + 1)}`;
}
