// What the production server (server/index.mjs) runs on SIGTERM. Kept on a global
// symbol: the server entry is not bundled with the app, and this must be one list.
const SHUTDOWN_HOOKS = Symbol.for("gatehouse.shutdownHooks");

/**
 * `drain`: as soon as the signal comes, before the server waits for its
 * connections to end (open streams, which would never end by themselves).
 * `close`: after the last request (the database pool and its listener).
 */
export type ShutdownPhase = "drain" | "close";

export function onShutdown(hook: () => Promise<void>, phase: ShutdownPhase = "close"): void {
  const holder = globalThis as unknown as { [SHUTDOWN_HOOKS]?: Record<ShutdownPhase, (() => Promise<void>)[]> };
  (holder[SHUTDOWN_HOOKS] ??= { drain: [], close: [] })[phase].push(hook);
}
