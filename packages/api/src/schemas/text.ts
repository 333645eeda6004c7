import { z } from "zod";

/**
 * A string the database can store: PostgreSQL's text refuses U+0000, so a NUL
 * is a 400 here on both databases rather than a 500 on one of them.
 */
export const storableString = () => z.string().refine((value) => !value.includes("\u0000"), "Must not contain NUL characters.");

/** The id of a row (posts, sessions, users): unknown ids are a NOT_FOUND, not a 400. */
export const rowId = () => z.string().min(1).max(64).pipe(storableString());
