// ESLint (flat config). Besides the usual TypeScript and React hooks rules,
// it holds the layers of docs/architecture.md: routes → services → domain,
// with lib beneath services and components beside routes.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** An import a layer may not make, with the reason shown in the lint report. */
const forbid = (group, message) => ({ group, message });

const SERVICES = forbid(["~/services/*", "**/services/*"], "services sit above this layer (docs/architecture.md)");
const ROUTES = forbid(["~/routes/*", "**/routes/*"], "routes are the top layer: nothing imports them");
const COMPONENTS = forbid(["~/components/*", "**/components/*"], "UI components belong to routes");
const PRISMA = forbid(
  ["~/generated/*", "**/generated/*", "~/lib/db.server*", "**/lib/db.server*"],
  "only services talk to the database",
);
const SERVER_ONLY = forbid(["**/*.server", "**/*.server.ts"], "the domain is pure: no server-only (I/O) modules");
const OUTSIDE_APP = {
  regex: "^(\\.\\./)+(prisma|scripts|tests)/",
  message: "the product does not import seeds, developer scripts or tests",
};

const layer = (files, ...patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      "app/generated/**",
      "build/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Japanese text uses the full-width space (U+3000) on purpose.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      "no-console": "off",
    },
  },
  // Playwright's fixtures call a function named `use`, which is not React's.
  { files: ["tests/e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  layer(["app/domain/**"], SERVICES, ROUTES, COMPONENTS, PRISMA, SERVER_ONLY, OUTSIDE_APP),
  layer(["app/lib/**"], SERVICES, ROUTES, COMPONENTS, OUTSIDE_APP),
  layer(["app/services/**"], ROUTES, COMPONENTS, OUTSIDE_APP),
  layer(["app/components/**"], SERVICES, ROUTES, PRISMA, OUTSIDE_APP),
  layer(["app/routes/**", "app/root.tsx", "app/entry.*.tsx"], PRISMA, OUTSIDE_APP),
  layer(["app/cli/**"], ROUTES, COMPONENTS, OUTSIDE_APP),
);
