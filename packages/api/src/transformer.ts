// The one transformer, used by the server (trpc.ts) and every client (links,
// query hydration): Dates and Maps survive the wire. The server writes its
// answers with serializeOutput, which gives the same results faster.
export { default as transformer } from "superjson";
