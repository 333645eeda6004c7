import js from "@eslint/js";
import tseslint from "typescript-eslint";

// A custom superjson type can claim plain values, which the server's serializeOutput writes itself.
const REGISTER_CUSTOM =
  "serializeOutput (packages/api) writes plain values as superjson does with nothing registered: teach it the custom type first.";

/** Rules for every package: typed linting catches floating promises and unsafe any. */
export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/generated/**", "**/dist/**", "**/*.config.{js,mjs}"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next-auth/react",
              importNames: ["getSession"],
              message: "On the server use getServerAuthSession() from @gatehouse/auth; getSession() breaks on POST.",
            },
            { name: "superjson", importNames: ["registerCustom"], message: REGISTER_CUSTOM },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        ...["superjson", "SuperJSON", "transformer"].map((object) => ({ object, property: "registerCustom", message: REGISTER_CUSTOM })),
      ],
    },
  },
);
