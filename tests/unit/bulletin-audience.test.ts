import { describe, expect, it } from "vitest";
import {
  describeAudience,
  EVERYONE,
  isEveryone,
  parseAudience,
  reaches,
  type AudienceMember,
} from "~/domain/bulletin-audience.ts";
import { EMPLOYEE_TYPES, ORGANISATIONS } from "~/domain/base-data.ts";
import { ROLES } from "~/domain/roles.ts";

// Every kind of person there is: nine organisations × four employee types × four roles.
const EVERY_PERSON: AudienceMember[] = ORGANISATIONS.flatMap((o) =>
  EMPLOYEE_TYPES.flatMap((e) => ROLES.map((role) => ({ organisationId: o.id, employeeTypeCode: e.code, role }))),
);

describe("bulletin audience", () => {
  it("with no list reaches everyone", () => {
    expect(EVERY_PERSON.every((p) => reaches(EVERYONE, p))).toBe(true);
    expect(isEveryone(EVERYONE)).toBe(true);
  });

  it("for 会計年度任用職員 reaches them in every organisation and role, and nobody else", () => {
    const audience = { ...EVERYONE, employeeTypeCodes: ["fiscal-year"] };
    const reached = EVERY_PERSON.filter((p) => reaches(audience, p));
    expect(reached).toHaveLength(ORGANISATIONS.length * ROLES.length);
    expect(reached.every((p) => p.employeeTypeCode === "fiscal-year")).toBe(true);
    expect(EVERY_PERSON.filter((p) => p.employeeTypeCode !== "fiscal-year").some((p) => reaches(audience, p))).toBe(
      false,
    );
  });

  it("combines lists with AND and the entries of a list with OR", () => {
    const audience = {
      organisationIds: ["fire", "waterworks"],
      employeeTypeCodes: ["fiscal-year"],
      roles: ["LEARNER" as const, "MANAGER" as const],
    };
    const reached = EVERY_PERSON.filter((p) => reaches(audience, p));
    expect(reached).toHaveLength(2 * 1 * 2);
    expect(reaches(audience, { organisationId: "fire", employeeTypeCode: "fiscal-year", role: "MANAGER" })).toBe(true);
    expect(reaches(audience, { organisationId: "fire", employeeTypeCode: "regular", role: "MANAGER" })).toBe(false);
    expect(reaches(audience, { organisationId: "mayor", employeeTypeCode: "fiscal-year", role: "LEARNER" })).toBe(
      false,
    );
    expect(reaches(audience, { organisationId: "fire", employeeTypeCode: "fiscal-year", role: "HR" })).toBe(false);
  });

  it("reads the stored rule, and an unknown entry narrows rather than widens", () => {
    expect(parseAudience({ employeeTypeCodes: ["fiscal-year", "fiscal-year", 3] })).toEqual({
      organisationIds: [],
      employeeTypeCodes: ["fiscal-year"],
      roles: [],
    });
    const retiredRole = parseAudience({ roles: ["AUDITOR"] });
    expect(EVERY_PERSON.some((p) => reaches(retiredRole, p))).toBe(false);
  });

  it("says who it is for in words", () => {
    const names = {
      organisations: new Map([["fire", "消防本部"]]),
      employeeTypes: new Map([["fiscal-year", "会計年度任用職員"]]),
      roles: new Map([["MANAGER", "情報セキュリティ管理者"]]),
    };
    expect(describeAudience(EVERYONE, names, "全職員")).toBe("全職員");
    expect(
      describeAudience({ organisationIds: ["fire"], employeeTypeCodes: ["fiscal-year"], roles: [] }, names, "全職員"),
    ).toBe("消防本部 / 会計年度任用職員");
  });
});
