import { randomUUID } from "node:crypto";

import type { Role } from "@gatehouse/db";
import { SignJWT } from "jose";

import { env } from "../env";
import { serviceTokenKeys } from "./keys";

/**
 * Short-lived JWTs that tell another service who the signed-in user is, in
 * the spirit of Clerk's getToken({ template }). Signed with the app's private
 * key; the other service verifies them with the public keys at
 * /.well-known/jwks.json and shares no secret with this app.
 */
export interface ServiceToken {
  token: string;
  expiresAt: Date;
}

/** An audience that SERVICE_TOKEN_AUDIENCES does not list. */
export class UnknownAudienceError extends Error {
  constructor() {
    super("Unknown audience: it is not one of the services this app issues tokens for.");
    this.name = "UnknownAudienceError";
  }
}

export function isServiceTokenAudience(audience: string): boolean {
  return env.SERVICE_TOKEN_AUDIENCES.includes(audience);
}

/** The tokens' `iss`: NEXTAUTH_URL, without a trailing slash. */
function serviceTokenIssuer(): string {
  if (!env.NEXTAUTH_URL) throw new Error("NEXTAUTH_URL is not set: service tokens have no issuer");
  return env.NEXTAUTH_URL.replace(/\/+$/, "");
}

/** A token for `user` to present to `audience`; UnknownAudienceError unless the allow-list has it. */
export async function issueServiceToken(user: { id: string; role: Role }, audience: string): Promise<ServiceToken> {
  if (!isServiceTokenAudience(audience)) throw new UnknownAudienceError();
  const { signing } = await serviceTokenKeys();
  if (!signing) throw new Error("No service-token key (SERVICE_TOKEN_PRIVATE_KEY)");
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + env.SERVICE_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: "JWT" })
    .setSubject(user.id)
    .setAudience(audience)
    .setIssuer(serviceTokenIssuer())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(signing.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
