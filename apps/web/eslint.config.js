import next from "@gatehouse/eslint-config/next";

export default [
  ...next,
  // Playwright's own report and traces (pnpm test:e2e), not ours to lint.
  { ignores: ["e2e-artifacts/**"] },
  // Playwright fixtures call their callback `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];
