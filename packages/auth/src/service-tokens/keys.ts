import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";

import { env } from "../env";
import { algorithmOf, parsePrivateKey, parsePublicKey, type ServiceTokenAlgorithm } from "./key-material";

export interface SigningKey {
  privateKey: KeyObject;
  alg: ServiceTokenAlgorithm;
  /** The RFC 7638 thumbprint of the public key: the same on every instance that holds the key. */
  kid: string;
}

export interface ServiceTokenKeys {
  /** Null when no key is configured and none may be generated (production without audiences). */
  signing: SigningKey | null;
  /** What /.well-known/jwks.json serves: the signing key's public half, then the previous key's. */
  jwks: { keys: JWK[] };
}

async function publicJwk(publicKey: KeyObject): Promise<JWK> {
  const jwk = await exportJWK(publicKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: algorithmOf(publicKey), use: "sig" };
}

function developmentKey(): KeyObject {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  console.info(
    "[service tokens] SERVICE_TOKEN_PRIVATE_KEY is not set: generated an ES256 key for development. " +
      "Tokens it signs stop verifying when this server restarts.",
  );
  return privateKey;
}

async function loadKeys(): Promise<ServiceTokenKeys> {
  const configured = env.SERVICE_TOKEN_PRIVATE_KEY;
  // Production never generates: the env rules refuse to start when audiences need a key.
  const privateKey = configured ? parsePrivateKey(configured) : env.NODE_ENV === "production" ? null : developmentKey();
  const keys: JWK[] = [];
  let signing: SigningKey | null = null;
  if (privateKey) {
    const jwk = await publicJwk(createPublicKey(privateKey));
    signing = { privateKey, alg: algorithmOf(privateKey), kid: jwk.kid! };
    keys.push(jwk);
  }
  if (env.SERVICE_TOKEN_PREVIOUS_KEY) {
    const jwk = await publicJwk(parsePublicKey(env.SERVICE_TOKEN_PREVIOUS_KEY));
    if (!keys.some((key) => key.kid === jwk.kid)) keys.push(jwk);
  }
  return { signing, jwks: { keys } };
}

// On globalThis: Next bundles the JWKS route and the tRPC route separately, and a
// generated development key must be the one both of them use.
const KEYS = Symbol.for("gatehouse.auth.serviceTokenKeys");
const holder = globalThis as unknown as { [KEYS]?: Promise<ServiceTokenKeys> };

/** The keys, read (or, in development, generated) once per process, on first use. */
export function serviceTokenKeys(): Promise<ServiceTokenKeys> {
  return (holder[KEYS] ??= loadKeys());
}
