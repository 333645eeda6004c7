// What each next-auth error code means for the person who hit it.
const MESSAGES: Record<string, string> = {
  Signin: "Try signing in with a different account.",
  OAuthSignin: "Signing in with that provider could not start. Try again.",
  OAuthCallback: "The answer from the sign-in provider could not be verified. Please try again.",
  OAuthCreateAccount: "An account could not be created with that provider.",
  EmailCreateAccount: "An account could not be created for that email address.",
  Callback: "Something went wrong while finishing sign-in. Try again.",
  OAuthAccountNotLinked:
    "This email address already belongs to an account that signs in another way. Sign in the way you did before: " +
    "accounts are not merged automatically, so nobody can take yours over through another provider.",
  EmailSignin: "The sign-in email could not be sent. Check the address and try again.",
  CredentialsSignin: "Sign-in failed. Check your details and try again.",
  SessionRequired: "Please sign in to see that page.",
  Verification: "This sign-in link is no longer valid: it was already used or it has expired. Request a new one.",
  AccessDenied: "Access was denied. If your account was disabled, ask the site's administrator.",
  RateLimited: "Too many sign-in attempts from here or for this address. Wait a few minutes, then try again.",
  Configuration: "Sign-in is misconfigured on the server. Please tell the site's administrator.",
};

const DEFAULT_MESSAGE = "Sign-in failed. Please try again.";

export function authErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? DEFAULT_MESSAGE;
}

/** Next passes a repeated query parameter as an array; the first one wins. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
