import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";

// Playwright cannot download its own browsers inside a closed network, so the
// tests drive the system's Chromium. Missing it is a failure, never a skip.
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = "tests/.tmp/e2e.db";
export const E2E_SESSION_SECRET = "e2e-test-secret-of-at-least-32-characters";
/** Where the e2e server writes mail (no SMTP): the drill tests read their links here. */
export const E2E_OUTBOX = "tests/.tmp/e2e-outbox";
/** Everything the e2e server writes (its log), read by the specs that check the log. */
export const E2E_SERVER_LOG = "tests/.tmp/e2e-server.log";
/** Secrets the tests made or saw (tests/e2e/secrets.ts), which the log must not hold. */
export const E2E_SECRETS = "tests/.tmp/e2e-secrets.txt";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  // Playwright empties its outputDir on start: keep it apart from the
  // runners' JSON reports that tests/run-all.mjs adds up.
  outputDir: "test-results/playwright-artifacts",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The production build (made once by `npm test`) on a fresh demo database,
  // signing in through a test directory (slapd) for people synced from it.
  // The server's output (its log, nothing else's) is kept in E2E_SERVER_LOG;
  // the last spec, zz-log-secrets.spec.ts, checks it.
  webServer: {
    command: `rm -rf ${E2E_DATABASE}* ${E2E_OUTBOX} ${E2E_SECRETS} && tsx app/cli/db-setup.ts && tsx prisma/seed/load-demo.ts && tsx scripts/demo-city.ts && tsx tests/directory/serve-with-directory.ts npm run --silent serve 2>&1 | tee ${E2E_SERVER_LOG}`,
    url: `http://127.0.0.1:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: `file:./${E2E_DATABASE}`,
      SESSION_SECRET: E2E_SESSION_SECRET,
      SESSION_COOKIE_SECURE: "false",
      BCRYPT_COST: "4",
      REMINDER_OUTBOX: E2E_OUTBOX,
      APP_URL: `http://127.0.0.1:${PORT}`,
      // Drill mail due is picked up within half a second.
      DRILL_SENDER_POLL_MS: "500",
      // A fixed day, so due dates and 期限超過 never drift with the calendar.
      MAMORI_TODAY: "2026-11-25",
      HOST: "127.0.0.1",
      PORT: String(PORT),
    },
  },
});
