// A worker thread's entry for a TypeScript module (its path comes as the worker's
// last argv): on Node 20 workers do not inherit the loader tsx gave the main
// thread, so the module is loaded through tsx's API here.
import { tsImport } from "tsx/esm/api";

const entry = process.argv.at(-1);
if (!entry) throw new Error("ts-worker.mjs: no module to run");
await tsImport(entry, import.meta.url);
