import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { E2E_SECRETS } from "../../playwright.config.ts";

/**
 * Notes a secret a test made or saw (a session cookie, a one-time
 * password), so that the last spec (zz-log-secrets.spec.ts) can prove the
 * server's log never held it.
 */
export function recordSecret(value: string): void {
  appendFileSync(E2E_SECRETS, `${value}\n`);
}

/** Every secret recorded since the browser tests' server started. */
export function recordedSecrets(): string[] {
  return existsSync(E2E_SECRETS) ? readFileSync(E2E_SECRETS, "utf8").split("\n").filter(Boolean) : [];
}
