import { test as base, expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E_DATABASE, E2E_SESSION_SECRET } from "../../playwright.config.ts";
import { sessionCookieValue } from "./sessions.ts";

/**
 * Signs a demo user in by setting the session cookie directly, as the app
 * would after a login, so that only the login tests type a password.
 */
async function signIn(page: Page, employeeNumber: string) {
  const [staff] = readDatabase<{ id: number }>("SELECT id FROM Staff WHERE employeeNumber = ?", employeeNumber);
  if (!staff) throw new Error(`no demo staff ${employeeNumber}`);
  const value = await sessionCookieValue(E2E_DATABASE, staff.id, E2E_SESSION_SECRET);
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: "__mamori", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

export const test = base.extend<{ signIn: (employeeNumber: string) => Promise<void> }>({
  signIn: async ({ page }, use) => {
    await use((employeeNumber) => signIn(page, employeeNumber));
  },
});

export { expect };

/** Reads the app's database (read-only), e.g. for the answers a test must give. */
export function readDatabase<T>(query: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DATABASE, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Fails on serious or critical accessibility violations (axe-core). */
export async function expectAccessible(page: Page) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}
