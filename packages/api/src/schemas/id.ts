import { z } from "zod";

import { rowId } from "./text";

/** `{ id }` of a row: posts, sessions. Unknown ids are a NOT_FOUND, not a 400. */
export const idInput = z.object({ id: rowId() });
