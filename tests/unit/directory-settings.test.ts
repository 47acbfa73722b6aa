import { describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server.ts";
import { directorySettingsOf } from "~/services/ldap.server.ts";

const AD = {
  NODE_ENV: "development" as const,
  LDAP_URL: "ldaps://dc01.city.local",
  LDAP_BIND_DN: "CN=svc-mamori,OU=Service Accounts,DC=city,DC=local",
  LDAP_BIND_PASSWORD: "secret",
  LDAP_BASE_DN: "OU=Staff,DC=city,DC=local",
  LDAP_USER_FILTER: "(&(objectCategory=person)(sAMAccountName={職員番号}))",
};

describe("directory settings", () => {
  it("leave the directory off when LDAP_URL is unset", () => {
    expect(directorySettingsOf(parseEnv({ NODE_ENV: "development" }))).toBeNull();
  });

  it("read an Active Directory set-up, with the defaults for attributes and timeout", () => {
    expect(directorySettingsOf(parseEnv(AD))).toMatchObject({
      url: "ldaps://dc01.city.local",
      startTls: false,
      baseDn: "OU=Staff,DC=city,DC=local",
      userFilter: "(&(objectCategory=person)(sAMAccountName={職員番号}))",
      attributes: {
        employeeNumber: "employeeID",
        name: "displayName",
        kana: "msDS-PhoneticDisplayName",
        mail: "mail",
        organisation: "company",
        section: "department",
      },
      timeoutMs: 5000,
    });
  });

  it.each([
    [{ LDAP_URL: "https://dc01.city.local" }, /LDAP_URL/],
    [{ LDAP_URL: "ldap://dc01.city.local/dc=city" }, /LDAP_URL/],
    [{ LDAP_BASE_DN: undefined }, /LDAP_BASE_DN: required/],
    [{ LDAP_BIND_DN: undefined }, /LDAP_BIND_DN: required/],
    [{ LDAP_BIND_PASSWORD: undefined }, /LDAP_BIND_PASSWORD: required/],
    [{ LDAP_USER_FILTER: "(sAMAccountName=*)" }, /LDAP_USER_FILTER/],
    [{ LDAP_STARTTLS: "true" }, /LDAP_STARTTLS: ldaps:\/\/ is already encrypted/],
    [{ LDAP_TIMEOUT_MS: "0" }, /LDAP_TIMEOUT_MS/],
  ])("refuse %j", (change, problem) => {
    expect(() => parseEnv({ ...AD, ...change })).toThrow(problem);
  });

  it("name an unreadable CA file", () => {
    expect(() => directorySettingsOf(parseEnv({ ...AD, LDAP_CA_FILE: "/nonexistent/ca.pem" }))).toThrow(
      /LDAP_CA_FILE: cannot read \/nonexistent\/ca.pem/,
    );
  });

  it("accept StartTLS on ldap:// and a direct-bind DN without a bind account", () => {
    const env = parseEnv({
      NODE_ENV: "development" as const,
      LDAP_URL: "ldap://ldap.city.local:389",
      LDAP_STARTTLS: "true",
      LDAP_BASE_DN: "ou=staff,dc=city,dc=local",
      LDAP_USER_DN: "uid={職員番号},ou=staff,dc=city,dc=local",
    });
    expect(directorySettingsOf(env)).toMatchObject({
      startTls: true,
      userDn: "uid={職員番号},ou=staff,dc=city,dc=local",
    });
  });
});
