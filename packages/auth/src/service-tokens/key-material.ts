import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

/**
 * Reading the service-token keys from the environment: PEM (PKCS#8 or SPKI,
 * with real newlines or `\n` escapes, as one-line env files hold them) or a
 * JWK in JSON. Only asymmetric keys that every JOSE library verifies: P-256
 * (ES256) and Ed25519 (EdDSA). No env access here, so the env rules can use it.
 */
export type ServiceTokenAlgorithm = "ES256" | "EdDSA";

function keyInput(text: string) {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      return { key: JSON.parse(trimmed) as Record<string, unknown>, format: "jwk" as const };
    } catch {
      throw new Error("is neither a PEM key nor valid JWK JSON");
    }
  }
  return { key: trimmed.replaceAll("\\n", "\n"), format: "pem" as const };
}

/** The algorithm a key signs with; throws for any other kind of key. */
export function algorithmOf(key: KeyObject): ServiceTokenAlgorithm {
  if (key.asymmetricKeyType === "ed25519") return "EdDSA";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new Error("must be a P-256 (ES256) or Ed25519 (EdDSA) key");
}

/** A private key; throws an Error whose message says what is wrong (without the key). */
export function parsePrivateKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const input = keyInput(text);
    key = input.format === "jwk" ? createPrivateKey({ key: input.key, format: "jwk" }) : createPrivateKey(input.key);
  } catch (error) {
    throw new Error(`is not a readable private key (${(error as Error).message.split("\n")[0]})`);
  }
  algorithmOf(key);
  return key;
}

/** The public half of a private key, or a public key as given. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const input = keyInput(text);
    key = input.format === "jwk" ? createPublicKey({ key: input.key, format: "jwk" }) : createPublicKey(input.key);
  } catch (error) {
    throw new Error(`is not a readable key (${(error as Error).message.split("\n")[0]})`);
  }
  algorithmOf(key);
  return key;
}

/** The message of what a parser threw, for the env rules. */
export function keyProblem(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
