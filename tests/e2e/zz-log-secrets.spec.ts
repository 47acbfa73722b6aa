import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import { E2E_OUTBOX, E2E_SERVER_LOG } from "../../playwright.config.ts";
import { recordedSecrets } from "./secrets.ts";

// The last spec of the run (Playwright runs files in alphabetical order with
// one worker): the log the shared server wrote while every other browser
// test signed in, typed passwords, was given one-time passwords and clicked
// drill links must hold none of them.

/** Passwords the browser tests type (demo accounts, a changed password, the test directory's). */
const TYPED_PASSWORDS = ["mamori-demo-2026", "my-own-secret-2026", "takahashi-directory-pass", "not-the-password"];

/** The tokens of the drill links in every mail the server wrote (bodies are encoded: parse them). */
async function drillTokens(): Promise<string[]> {
  if (!existsSync(E2E_OUTBOX)) return [];
  const files = readdirSync(E2E_OUTBOX, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".eml"))
    .map((entry) => join(entry.parentPath, entry.name));
  const tokens: string[] = [];
  for (const file of files) {
    const mail = await simpleParser(readFileSync(file));
    const text = `${mail.text ?? ""} ${typeof mail.html === "string" ? mail.html : ""}`;
    for (const match of text.matchAll(/\/d\/([A-Za-z0-9_-]{20,})/g)) tokens.push(match[1]!);
  }
  return tokens;
}

test("the server's log is JSON lines with a time and a level, and holds no secret the run made or saw", async () => {
  const lines = readFileSync(E2E_SERVER_LOG, "utf8").split("\n").filter(Boolean);
  expect(lines.length).toBeGreaterThan(0);
  const notJson = lines.filter((line) => {
    try {
      const entry = JSON.parse(line) as { time?: unknown; level?: unknown };
      return typeof entry.time !== "string" || typeof entry.level !== "string";
    } catch {
      return true;
    }
  });
  expect(notJson).toEqual([]);

  const log = lines.join("\n");
  const tokens = await drillTokens();
  const secrets = [...TYPED_PASSWORDS, ...recordedSecrets(), ...tokens];
  expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  // Whatever value a session cookie had, and any form field of a password.
  expect(log).not.toContain("__mamori=");
  expect(log).not.toMatch(/password=/i);
  expect(log).not.toMatch(/"path":"[^"]*\?/);
  // The drill links were followed (drills.spec.ts), and logged with their token redacted.
  if (tokens.length > 0) expect(log).toContain('"path":"/d/[redacted]"');
});
