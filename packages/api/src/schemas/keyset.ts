import { z } from "zod";

import { rowId } from "./text";

/** The position after the last row of a page ordered newest first: its timestamp and id. */
export interface Keyset {
  at: Date;
  id: string;
}

/** An opaque cursor (base64url of [ISO date, id]): clients hand it back, never build it. */
export function encodeKeyset({ at, id }: Keyset): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

// From year 1: PostgreSQL has no year 0, and would refuse such a date as a database error.
const decoded = z.tuple([z.iso.datetime().refine((at) => !at.startsWith("0000")), rowId()]);

/** A cursor as input: a malformed one is a 400 "Invalid cursor.", never a 500. */
export const keysetCursor = z
  .string()
  .max(200)
  .transform((value, ctx): Keyset => {
    try {
      const [at, id] = decoded.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
      return { at: new Date(at), id };
    } catch {
      ctx.addIssue({ code: "custom", message: "Invalid cursor." });
      return z.NEVER;
    }
  });

/**
 * Prisma's `where` for the rows after a keyset, newest first by `field`, then
 * id. The `lte` bound lets the database seek to the cursor through the
 * (field, id) index; with the `OR` alone SQLite gathered every older row and
 * sorted them. (post.list reads with a row-value comparison of its own SQL:
 * packages/db/src/reads/.)
 */
export function afterKeyset<F extends string>(field: F, cursor: Keyset | null | undefined) {
  if (!cursor) return undefined;
  const on = <C>(condition: C) => ({ [field]: condition }) as Record<F, C>;
  return { ...on({ lte: cursor.at }), OR: [on({ lt: cursor.at }), { ...on(cursor.at), id: { lt: cursor.id } }] };
}

/** Rows newest first after a keyset, one more than `limit` read: the page, and the cursor of the next one if there is one. */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, dateOf: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeKeyset({ at: dateOf(last), id: last.id }) : null };
}
