// What the Prisma CLI prints that says nothing a person can act on here.
//
// With a driver adapter in prisma.config.ts, Prisma 6 warns on every migrate
// run that the schema's datasource `url` is unused. The url has to stay: without
// it the CLI tries to download a native engine, and that fails offline (see
// prisma/schema.prisma). So the warning would greet every `pnpm dev` and fix
// nothing; the scripts drop it and pass everything else on.
const ADAPTER_URL_WARNING =
  /\n?WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma\.config\.ts:\n(?:- \w+\n)+\nThe values from your schema will NOT be used!\n\nWe recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters\.\n/g;

/** The CLI's stdout without the unused-url warning. */
export function withoutAdapterUrlWarning(stdout: string): string {
  return stdout.replace(ADAPTER_URL_WARNING, "");
}
