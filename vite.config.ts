import { vitePlugin as remix } from "@remix-run/dev";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import remixConfig from "./remix.config.js";

// With single fetch, loaders' types match what the browser gets (a Date stays a Date).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The Remix plugin breaks vitest's module graph, so tests run without it.
const underTest = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: underTest ? [] : [remix(remixConfig)],
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  server: { port: 3000 },
  // Kept so that tests and scripts can measure each route's JavaScript.
  build: { manifest: true },
  test: {
    // At least two test files at once: they spend much of their time waiting
    // for PostgreSQL, child processes and SMTP servers, and vitest's default
    // (one fewer than the cores) is a single worker on a 2-core machine.
    // Measured on one: SQLite suite 229 → 135 s, PostgreSQL suite 282 → 175 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Playwright specs live in tests/e2e and must not be picked up here.
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts", "tests/integration/directory-setup.ts"],
          setupFiles: ["tests/integration/setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The same integration tests on PostgreSQL (npm run test:postgres),
      // less the five about SQLite files: its migrations' structure, its
      // file backups, its WAL checkpoints, its write lock and its file on a
      // full disk.
      ...(process.env.MAMORI_TEST_POSTGRES === "1"
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.ts", "tests/postgres/**/*.test.ts"],
                exclude: [
                  "tests/integration/migrations.test.ts",
                  "tests/integration/backup.test.ts",
                  "tests/integration/wal-checkpointer.test.ts",
                  "tests/integration/quiz-write-lock.test.ts",
                  "tests/integration/health-disk-full.test.ts",
                ],
                globalSetup: ["tests/postgres/global-setup.ts", "tests/integration/directory-setup.ts"],
                setupFiles: ["tests/postgres/setup-db.ts"],
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
