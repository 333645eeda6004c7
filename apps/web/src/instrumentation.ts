// Runs once when the server starts (pnpm start, through Next's prepare(), and pnpm dev). The check
// exits the process, which only the Node.js runtime can do.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
