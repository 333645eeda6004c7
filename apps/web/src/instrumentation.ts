// Runs once when the server starts (next start and next dev). Validating the
// environment here makes a missing NEXTAUTH_SECRET stop the server at boot,
// naming the variable, instead of failing the first sign-in. Next only logs a
// failing hook and keeps serving errors, hence the explicit exit.
export async function register() {
  try {
    await import("@gatehouse/auth/env");
  } catch {
    // @t3-oss/env has already printed which variables are wrong and why.
    console.error("Gatehouse: refusing to start until the environment is fixed (see above).");
    process.exit(1);
  }
}
