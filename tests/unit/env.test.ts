import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { DEMO_SESSION_SECRET, EXAMPLE_SESSION_SECRET, parseEnv } from "~/lib/env.server.ts";
import { t } from "~/lib/i18n.ts";

describe("parseEnv", () => {
  it("gives the demo working defaults", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBe("file:./data/mamori.db");
    expect(env.PORT).toBe(3000);
    expect(env.BCRYPT_COST).toBe(12);
    expect(env.cookieSecure).toBe(false);
  });

  it("refuses to start in production without a session secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET must be set/);
  });

  it("splits comma-separated secrets for rotation, newest first", () => {
    const [next, old] = ["n".repeat(32), "o".repeat(40)];
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: `${next}, ${old}` });
    expect(env.sessionSecrets).toEqual([next, old]);
    expect(env.cookieSecure).toBe(true);
    expect(env.demoSecret).toBe(false);
  });

  it("refuses a secret shorter than 32 characters in production, even one of several", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(31) })).toThrow(/too short/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: `${"x".repeat(32)},short` })).toThrow(/one has 5/);
  });

  it("lets only the demo use the public demo secret, and marks it", () => {
    const demo = parseEnv({ NODE_ENV: "production", MAMORI_DEMO: "1" });
    expect(demo.sessionSecrets).toEqual([DEMO_SESSION_SECRET]);
    expect(demo.demoSecret).toBe(true);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: DEMO_SESSION_SECRET })).toThrow(/public demo/);
  });

  it("refuses the placeholder secret of .env.example in production", () => {
    // A city that copies .env.example and forgets to change the secret must not start.
    expect(readFileSync(".env.example", "utf8")).toContain(`SESSION_SECRET=${EXAMPLE_SESSION_SECRET}\n`);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: EXAMPLE_SESSION_SECRET })).toThrow(
      /\.env\.example/,
    );
    expect(() =>
      parseEnv({ NODE_ENV: "production", SESSION_SECRET: `${"x".repeat(40)},${EXAMPLE_SESSION_SECRET}` }),
    ).toThrow(/placeholder/);
    expect(parseEnv({ NODE_ENV: "development", SESSION_SECRET: EXAMPLE_SESSION_SECRET }).sessionSecrets).toEqual([
      EXAMPLE_SESSION_SECRET,
    ]);
  });

  it("ends sessions after 60 idle minutes and 12 hours by default, both settable", () => {
    expect(parseEnv({ NODE_ENV: "development" })).toMatchObject({ SESSION_IDLE_MINUTES: 60, SESSION_MAX_HOURS: 12 });
    expect(parseEnv({ NODE_ENV: "development", SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "8" })).toMatchObject({
      SESSION_IDLE_MINUTES: 15,
      SESSION_MAX_HOURS: 8,
    });
  });

  it("holds failed sign-ins to a floor that grows with BCRYPT_COST, unless LOGIN_FAILURE_MIN_MS is set", () => {
    expect(parseEnv({ NODE_ENV: "test" }).loginFailureMinMs).toBe(1024);
    expect(parseEnv({ NODE_ENV: "test", BCRYPT_COST: "10" }).loginFailureMinMs).toBe(256);
    expect(parseEnv({ NODE_ENV: "test", BCRYPT_COST: "4" }).loginFailureMinMs).toBe(4);
    expect(parseEnv({ NODE_ENV: "test", LOGIN_FAILURE_MIN_MS: "1500" }).loginFailureMinMs).toBe(1500);
    expect(() => parseEnv({ NODE_ENV: "test", LOGIN_FAILURE_MIN_MS: "-1" })).toThrow(/LOGIN_FAILURE_MIN_MS/);
  });

  it("reports a malformed value by name", () => {
    expect(() => parseEnv({ NODE_ENV: "development", PORT: "eighty" })).toThrow(/PORT/);
  });
});

describe("message catalogue", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t("home.title", { name: "山田" })).toBe("ようこそ、山田さん");
    expect(t("home.title")).toBe("ようこそ、{name}さん");
  });
});
