import { z } from "zod";

/** `{ id }` of a row: posts, sessions. Unknown ids are a NOT_FOUND, not a 400. */
export const idInput = z.object({ id: z.string().min(1).max(64) });
