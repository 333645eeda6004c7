// @ts-check
import nextEnv from "@next/env";

/**
 * Sets variables for this process and for the processes Next starts from it.
 * `next dev` starts its server process with the environment it found when it
 * first looked (@next/env's initialEnv), not with process.env as it is later.
 * @param {Record<string, string>} values
 */
export function setEnv(values) {
  Object.assign(process.env, values);
  nextEnv.updateInitialEnv(values);
}
