import { describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server.ts";
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
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "new, old" });
    expect(env.sessionSecrets).toEqual(["new", "old"]);
    expect(env.cookieSecure).toBe(true);
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
