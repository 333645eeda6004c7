// `pnpm gen router <name>`: scaffolds a tRPC router in packages/api (see router.ts).
import { fileURLToPath } from "node:url";

import { generateRouter } from "./router";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const [kind, name] = process.argv.slice(2);

if (kind !== "router" || !name) {
  console.error("Usage: pnpm gen router <name>   (e.g. pnpm gen router widgets)");
  process.exit(2);
}
try {
  for (const file of await generateRouter(ROOT, name)) console.log(`  ${file}`);
  console.log(`Router "${name}" added. Next: pnpm --filter @gatehouse/api test, then make its procedures your own.`);
} catch (error) {
  console.error(`pnpm gen router: ${(error as Error).message}`);
  process.exit(1);
}
