import { describe, expect, it } from "vitest";
import {
  escapeDnValue,
  escapeFilterValue,
  everyoneFilter,
  personDn,
  personFilter,
} from "~/domain/ldap.ts";

describe("escapeFilterValue (RFC 4515)", () => {
  it.each([
    ["*", "\\2a"],
    ["(", "\\28"],
    [")", "\\29"],
    ["\\", "\\5c"],
    ["\u0000", "\\00"],
    ["*)(uid=*", "\\2a\\29\\28uid=\\2a"],
    ["a\\2a", "a\\5c2a"],
  ])("escapes %j as %j", (value, escaped) => {
    expect(escapeFilterValue(value)).toBe(escaped);
  });

  it("leaves plain and non-ASCII 職員番号 as they are", () => {
    expect(escapeFilterValue("100001")).toBe("100001");
    expect(escapeFilterValue("職員-１２")).toBe("職員-１２");
    expect(escapeFilterValue("山田*")).toBe("山田\\2a");
  });
});

describe("escapeDnValue (RFC 4514)", () => {
  it.each([
    ["a,b", "a\\,b"],
    ["a+b", "a\\+b"],
    ['a"b', 'a\\"b'],
    ["a;b<c>d", "a\\;b\\<c\\>d"],
    ["a=b", "a\\=b"],
    ["\\", "\\\\"],
    ["\u0000", "\\00"],
    [" a", "\\ a"],
    ["a ", "a\\ "],
    ["#a", "\\#a"],
    ["a#", "a#"],
    ["*()", "*()"],
    ["職員 番号", "職員 番号"],
  ])("escapes %j as %j", (value, escaped) => {
    expect(escapeDnValue(value)).toBe(escaped);
  });
});

describe("filters and DNs from the settings' templates", () => {
  it("puts the escaped 職員番号 where the placeholder is", () => {
    expect(personFilter("(&(objectClass=user)(sAMAccountName={職員番号}))", "*)(cn=*")).toBe(
      "(&(objectClass=user)(sAMAccountName=\\2a\\29\\28cn=\\2a))",
    );
    expect(personFilter("(employeeID={職員番号})", "あ\u0000")).toBe("(employeeID=あ\\00)");
  });

  it("finds everyone by turning the placeholder into a presence test", () => {
    expect(everyoneFilter("(&(objectClass=user)(employeeID={職員番号}))")).toBe(
      "(&(objectClass=user)(employeeID=*))",
    );
  });

  it("builds a DN with the escaped 職員番号", () => {
    expect(personDn("uid={職員番号},ou=staff,dc=example", "x,ou=admins")).toBe("uid=x\\,ou\\=admins,ou=staff,dc=example");
  });
});
