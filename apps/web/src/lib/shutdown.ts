// What the production server (server/index.mjs) runs after the last request on
// SIGTERM: close the database pool, its listener, open streams. Kept on a global
// symbol: the server entry is not bundled with the app, and this must be one list.
const SHUTDOWN_HOOKS = Symbol.for("gatehouse.shutdownHooks");

export function onShutdown(hook: () => Promise<void>): void {
  const holder = globalThis as unknown as { [SHUTDOWN_HOOKS]?: (() => Promise<void>)[] };
  (holder[SHUTDOWN_HOOKS] ??= []).push(hook);
}
