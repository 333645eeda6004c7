import { CookieJar } from "tough-cookie";

export interface Navigation {
  /** Where the browser ended up. */
  url: URL;
  response: Response;
}

const MAX_REDIRECTS = 10;

/**
 * A browser for one person: a cookie jar sent with every request and filled from every response,
 * redirects followed by hand. It talks to 127.0.0.1 only and throws rather than leave it.
 */
export class Browser {
  readonly jar = new CookieJar();

  constructor(readonly origin: string) {}

  /** One request, never following a redirect. `url` may be a path on the app. */
  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.origin);
    if (target.hostname !== "127.0.0.1") throw new Error(`the browser was sent off 127.0.0.1, to ${target.href}`);
    const headers = new Headers(init.headers);
    const cookie = await this.jar.getCookieString(target);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const setCookie of response.headers.getSetCookie()) await this.jar.setCookie(setCookie, target);
    return response;
  }

  /** Requests `url`, then follows redirects as a browser does after a link or a form: with GET. */
  async follow(url: string | URL, init: RequestInit = {}): Promise<Navigation> {
    let target = new URL(url, this.origin);
    let response = await this.request(target, init);
    for (let redirects = 0; response.status >= 300 && response.status < 400 && response.headers.has("location"); redirects++) {
      if (redirects === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${String(url)}`);
      target = new URL(response.headers.get("location")!, target);
      await response.body?.cancel();
      response = await this.request(target);
    }
    return { url: target, response };
  }

  /** Submits a form (application/x-www-form-urlencoded), without following the redirect. */
  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields) });
  }

  /** next-auth's CSRF token; the matching signed cookie lands in the jar. */
  async csrfToken(): Promise<string> {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    return csrfToken;
  }

  /** The value of one of this browser's cookies for the app, if it holds it. */
  async cookie(name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(this.origin);
    return cookies.find((cookie) => cookie.key === name)?.value;
  }
}
