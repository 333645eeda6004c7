import { Role } from "@gatehouse/db";
import { z } from "zod";

export const setRoleInput = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum([Role.USER, Role.ADMIN]),
});
