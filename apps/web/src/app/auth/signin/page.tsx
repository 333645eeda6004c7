import { Alert } from "../../_components/alert";
import { AuthCard } from "../auth-card";
import { authErrorMessage, firstParam } from "../messages";
import { SignInOptions } from "./sign-in-options";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = authErrorMessage(firstParam(params.error));
  return (
    <AuthCard title="Sign in to Gatehouse">
      {error && <Alert>{error}</Alert>}
      <SignInOptions callbackUrl={firstParam(params.callbackUrl) ?? "/"} />
    </AuthCard>
  );
}
