import { devMailboxEnabled } from "@gatehouse/auth/dev-mailbox";
import Link from "next/link";

import { AuthCard } from "../auth-card";

export default function VerifyRequestPage() {
  return (
    <AuthCard title="Check your email">
      <p className="text-sm">A sign-in link is on its way. It works once and expires in 15 minutes.</p>
      {devMailboxEnabled && (
        <p className="mt-4 text-sm">
          Developing locally? The link is in the server log and in the{" "}
          <Link href="/dev/mailbox" className="text-blue-700 underline">
            dev mailbox
          </Link>
          .
        </p>
      )}
    </AuthCard>
  );
}
