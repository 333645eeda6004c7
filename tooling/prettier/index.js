// @ts-check
// The one Prettier configuration (the root's prettier.config.mjs re-exports it).
import { fileURLToPath } from "node:url";

/** @type {import("prettier").Config & import("prettier-plugin-tailwindcss").PluginOptions} */
const config = {
  // Most of the code is written within this width: the one-time formatting rewraps about 900 lines at 140,
  // about 4,000 at 100.
  printWidth: 140,
  // Resolved here: Prettier would look for a plugin named by a bare string from the folder it runs in.
  plugins: [fileURLToPath(import.meta.resolve("prettier-plugin-tailwindcss"))],
  // Tailwind 4 reads its configuration from CSS: the plugin sorts classes in the order this stylesheet gives.
  tailwindStylesheet: fileURLToPath(new URL("../../apps/web/src/app/globals.css", import.meta.url)),
};

export default config;
