import Link from "next/link";

import { Alert } from "../../_components/alert";
import { AuthCard } from "../auth-card";
import { authErrorMessage, firstParam } from "../messages";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuthErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const code = firstParam((await searchParams).error) ?? "Default";
  return (
    <AuthCard title="Sign-in problem">
      <Alert>{authErrorMessage(code)}</Alert>
      <Link href="/auth/signin" className="text-sm text-blue-700 underline">
        Back to sign in
      </Link>
    </AuthCard>
  );
}
