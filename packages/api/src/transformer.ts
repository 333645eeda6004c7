// The one transformer, used by the server (trpc.ts) and every client (links,
// query hydration): Dates and Maps survive the wire.
export { default as transformer } from "superjson";
