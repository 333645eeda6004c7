import { z } from "zod";

// With the `u` flag a surrogate pair is one code point: only an unpaired half matches.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A string the database can store, or a 400:
 * - PostgreSQL's text refuses U+0000, which would be a 500 on one database only;
 * - an unpaired surrogate (a JSON body may spell one, `"\ud800"`; no UTF-8 can carry it) fails in Prisma's
 *   engine on both, a 500.
 */
export const storableString = () =>
  z
    .string()
    .refine((value) => !value.includes("\u0000"), "Must not contain NUL characters.")
    .refine((value) => !UNPAIRED_SURROGATE.test(value), "Must be well-formed Unicode (no unpaired surrogates).");

/** The id of a row (posts, sessions, users): unknown ids are a NOT_FOUND, not a 400. */
export const rowId = () => z.string().min(1).max(64).pipe(storableString());
