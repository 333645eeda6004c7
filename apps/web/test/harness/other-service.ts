import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { createRemoteJWKSet, jwtVerify } from "jose";

/**
 * Another service, as small as one can be: a plain Node HTTP handler that
 * trusts the app's service tokens (auth.serviceToken, getAuth().getToken) for
 * its own audience, and nothing else. It holds no secret of the app: only the
 * app's URL, from which it fetches the public keys (/.well-known/jwks.json).
 */
export function otherServiceHandler({ appUrl, audience }: { appUrl: string; audience: string }) {
  const keys = createRemoteJWKSet(new URL("/.well-known/jwks.json", appUrl));
  return async (req: IncomingMessage, res: ServerResponse) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    try {
      if (!token) throw Object.assign(new Error("no bearer token"), { code: "ERR_NO_TOKEN" });
      const { payload } = await jwtVerify(token, keys, { issuer: appUrl, audience, algorithms: ["ES256", "EdDSA"] });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ userId: payload.sub, role: payload.role }));
    } catch (error) {
      // jose's codes say why: ERR_JWT_EXPIRED, ERR_JWT_CLAIM_VALIDATION_FAILED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED, ...
      const code = (error as { code?: string }).code ?? "ERR_INVALID";
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: code }));
    }
  };
}

export interface OtherService {
  url: string;
  /** Calls the service with `Authorization: Bearer <token>`. */
  call: (token: string) => Promise<{ status: number; body: Record<string, unknown> }>;
  stop: () => Promise<void>;
}

/** The handler on 127.0.0.1. */
export async function startOtherService(options: { appUrl: string; audience: string }): Promise<OtherService> {
  const handler = otherServiceHandler(options);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    call: async (token) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
