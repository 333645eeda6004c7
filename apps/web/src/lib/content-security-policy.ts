/**
 * The Content-Security-Policy of a page: scripts only with this response's
 * nonce (Next puts it on its own inline scripts; 'strict-dynamic' lets those
 * load the chunks), no plugins, no framing, forms only to this app and to the
 * sign-in providers it redirects to (browsers check a form's redirects too).
 * Styles allow inline: React writes style attributes, which a nonce cannot cover.
 */
export interface PolicyOptions {
  nonce: string;
  /** next dev evaluates code it hot-reloads. */
  development: boolean;
  /** Origins a sign-in form ends up at (the OAuth/OIDC providers). */
  formTargets: string[];
  /** NEXTAUTH_URL is https: have browsers upgrade any stray http request. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development, formTargets, https }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Avatars come from the providers' picture URLs.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh nonce (122 random bits), for one response: the proxy's for each page rendered, the page cache's for each copy. */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}
