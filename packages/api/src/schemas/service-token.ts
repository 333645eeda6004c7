import { isServiceTokenAudience } from "@gatehouse/auth";
import { z } from "zod";

/**
 * `auth.serviceToken`'s input: the service the token is for. An audience that
 * SERVICE_TOKEN_AUDIENCES does not list is a 400 with the issue on `audience`.
 */
export const serviceTokenInput = z.object({
  audience: z
    .string()
    .trim()
    .min(1, "Audience is required.")
    .max(200, "Audience must be at most 200 characters.")
    .refine(isServiceTokenAudience, "Unknown audience: this app issues no tokens for that service."),
});
