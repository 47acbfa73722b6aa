import { describe, expect, it } from "vitest";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";
import { isRole, roleAllows } from "~/domain/roles.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";

describe("normaliseEmployeeNumber", () => {
  it.each([
    ["０１２３４５", "012345"],
    [" 012 345 ", "012345"],
    ["ａ１２３", "A123"],
    ["123456", "123456"],
  ])("%s → %s", (typed, stored) => {
    expect(normaliseEmployeeNumber(typed)).toBe(stored);
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/learn", "/learn"],
    ["/reports?year=2026", "/reports?year=2026"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["learn", "/"],
    [null, "/"],
  ])("%s → %s", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });
});

describe("roles", () => {
  it("knows the four roles and nothing else", () => {
    expect(["LEARNER", "MANAGER", "HR", "ADMIN"].every(isRole)).toBe(true);
    expect(isRole("SUPERUSER")).toBe(false);
  });

  it("allows only the listed roles, or everyone for an empty list", () => {
    expect(roleAllows("HR", ["HR", "ADMIN"])).toBe(true);
    expect(roleAllows("LEARNER", ["HR", "ADMIN"])).toBe(false);
    expect(roleAllows("LEARNER", [])).toBe(true);
  });
});
