// What a browser without JavaScript reads in the server's HTML and cookies: the forms, and next-auth's CSRF cookie.

export const CSRF_COOKIE = "next-auth.csrf-token";

/** The fields of the form posting to `action` in `html`, as a browser would submit them (hidden ones). */
export function formFields(html: string, action: string): Record<string, string> | null {
  const form = new RegExp(`<form[^>]*action="${action.replaceAll("/", "\\/")}"[^>]*>(.*?)</form>`, "s").exec(html)?.[1];
  if (form === undefined) return null;
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields[name!] = value!;
  return fields;
}

/** The token part of a CSRF cookie's value (`token|hash`, percent-encoded). */
export function csrfTokenOfCookie(value: string): string {
  return decodeURIComponent(value).split("|")[0]!;
}

/** The token part of the csrf cookie a response set, if it set one. */
export function csrfCookieSet(response: Response): string | null {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`));
  return header ? csrfTokenOfCookie(header.split(";")[0]!.slice(CSRF_COOKIE.length + 1)) : null;
}
