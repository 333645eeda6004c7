import { signInProviders } from "@gatehouse/auth";

import { formCsrfToken } from "~/lib/csrf-token";

import { Alert } from "../../_components/alert";
import { AuthCard } from "../auth-card";
import { authErrorMessage, firstParam } from "../messages";
import { SignInOptions } from "./sign-in-options";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = authErrorMessage(firstParam(params.error));
  // The proxy issues the CSRF cookie for this page when the browser has no valid one.
  const csrfToken = await formCsrfToken();
  return (
    <AuthCard title="Sign in to Gatehouse">
      {error && <Alert>{error}</Alert>}
      {csrfToken ? (
        <SignInOptions providers={signInProviders()} csrfToken={csrfToken} callbackUrl={firstParam(params.callbackUrl) ?? "/"} />
      ) : (
        <p role="alert">Sign-in is unavailable right now. Please reload the page.</p>
      )}
    </AuthCard>
  );
}
