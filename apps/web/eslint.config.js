import next from "@gatehouse/eslint-config/next";

export default [
  ...next,
  // Playwright fixtures call their callback `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];
