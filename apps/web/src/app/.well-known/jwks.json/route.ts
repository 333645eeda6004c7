import { serviceTokenKeys } from "@gatehouse/auth";

// The public keys of the service tokens (auth.serviceToken, getAuth().getToken):
// another service verifies them with any JOSE library, e.g. jose's
// createRemoteJWKSet(new URL("/.well-known/jwks.json", NEXTAUTH_URL)).
// Read at run time: the keys come from the server's environment.
export const dynamic = "force-dynamic";

export async function GET() {
  const { jwks } = await serviceTokenKeys();
  // Short enough that a rotated key reaches every verifier quickly; verifiers refetch on an unknown kid anyway.
  return Response.json(jwks, { headers: { "Cache-Control": "public, max-age=300" } });
}
