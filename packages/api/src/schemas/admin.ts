import { Role } from "@gatehouse/db";
import { z } from "zod";

import { keysetCursor } from "./keyset";
import { rowId } from "./text";

const userId = rowId();

export const setRoleInput = z.object({ userId, role: z.enum([Role.USER, Role.ADMIN]) });

export const setUserDisabledInput = z.object({ userId, disabled: z.boolean() });

/** A page of a list newest first: the audit trail, the users. */
export const adminPageInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(50),
    cursor: keysetCursor.nullish(),
  })
  .prefault({});

/**
 * What the admin procedures refuse, by key. A form's outcome reaches the admin
 * page as `?error=<key>`, and the page shows only these texts: a link cannot
 * make it display words of its own.
 */
export const adminRefusals = {
  ownRole: "You cannot change your own role.",
  ownAccount: "You cannot disable yourself.",
  noSuchUser: "No such user.",
} as const;

export type AdminRefusal = keyof typeof adminRefusals;
