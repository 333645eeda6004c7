import {
  OAuth2Server,
  type MutableResponse,
  type MutableToken,
  type TokenRequest,
  type TokenRequestIncomingMessage,
} from "oauth2-mock-server";

export interface OidcIdentity {
  sub: string;
  email: string;
  name: string;
}

export interface OidcProvider {
  issuer: string;
  /** The app's configuration for this provider: AUTH_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET. */
  env: Record<string, string>;
  /** Whom the provider signs in, without asking, on every authorization from now on. */
  identity: OidcIdentity;
  /** Bodies of the token requests the provider received, oldest first. */
  tokenRequests: TokenRequest[];
  stop: () => Promise<void>;
}

export const OIDC_CLIENT_ID = "gatehouse-test";

/** A real OpenID Connect provider on 127.0.0.1 (discovery, authorize, token, userinfo, JWKS). */
export async function startOidcProvider(): Promise<OidcProvider> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, "127.0.0.1");
  // It calls itself http://localhost:PORT, which may resolve to ::1 where nothing listens.
  server.issuer.url = `http://127.0.0.1:${server.address().port}`;

  const provider: OidcProvider = {
    issuer: server.issuer.url,
    env: {
      AUTH_OIDC_ISSUER: server.issuer.url,
      AUTH_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
      AUTH_OIDC_CLIENT_SECRET: "gatehouse-test-client-secret",
    },
    identity: { sub: "nobody", email: "nobody@example.test", name: "Nobody" },
    tokenRequests: [],
    stop: () => server.stop(),
  };
  // Both the access token and the id token carry the identity; so does userinfo.
  server.service.on("beforeTokenSigning", (token: MutableToken) => {
    Object.assign(token.payload, provider.identity);
  });
  server.service.on("beforeUserinfo", (response: MutableResponse) => {
    response.body = { ...provider.identity };
  });
  server.service.on("beforeResponse", (_response: MutableResponse, req: TokenRequestIncomingMessage) => {
    provider.tokenRequests.push({ ...req.body });
  });
  return provider;
}
