// Validating the environment at boot makes a missing NEXTAUTH_SECRET stop the
// server, naming the variable, instead of failing the first sign-in. Next
// only logs a failing instrumentation hook and keeps serving errors, hence the exit.
try {
  await import("@gatehouse/auth/env");
} catch {
  // @t3-oss/env has already printed which variables are wrong and why.
  console.error("Gatehouse: refusing to start until the environment is fixed (see above).");
  process.exit(1);
}
