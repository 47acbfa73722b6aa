import { describe, expect, it } from "vitest";
import { parseReportFilter, reportFilterToParams, type ReportFilter } from "~/domain/report-filter.ts";

const parse = (query: string) => parseReportFilter(new URLSearchParams(query), 2026);

describe("parseReportFilter", () => {
  it("defaults to the given fiscal year and no other filter", () => {
    expect(parse("")).toEqual({ fiscalYear: 2026 });
  });

  it("reads every filter", () => {
    expect(
      parse(
        "fiscalYear=2025&trackId=annual-refresher&organisationId=mayor&sectionId=12&employeeTypeCode=fiscal-year&status=overdue",
      ),
    ).toEqual({
      fiscalYear: 2025,
      trackId: "annual-refresher",
      organisationId: "mayor",
      sectionId: 12,
      employeeTypeCode: "fiscal-year",
      status: "overdue",
    });
  });

  it.each(["notStarted", "inProgress", "completed", "overdue"] as const)("accepts the status %s", (status) => {
    expect(parse(`status=${status}`).status).toBe(status);
  });

  it("drops invalid values instead of failing, keeping the valid ones", () => {
    expect(parse("fiscalYear=abc&sectionId=-3&status=late&organisationId=mayor")).toEqual({
      fiscalYear: 2026,
      organisationId: "mayor",
    });
    expect(parse("fiscalYear=2026.5&sectionId=1.5&status=COMPLETED")).toEqual({ fiscalYear: 2026 });
    expect(parse("fiscalYear=99999&sectionId=zero")).toEqual({ fiscalYear: 2026 });
    expect(parse(`trackId=${"x".repeat(65)}`)).toEqual({ fiscalYear: 2026 });
  });

  it("treats blank fields, as an unselected <select> sends them, as unset", () => {
    expect(parse("fiscalYear=&trackId=&organisationId=%20&sectionId=&employeeTypeCode=&status=")).toEqual({
      fiscalYear: 2026,
    });
  });
});

describe("reportFilterToParams", () => {
  it("leaves unset filters out of the query string", () => {
    expect(reportFilterToParams({ fiscalYear: 2026, status: "completed" }).toString()).toBe(
      "fiscalYear=2026&status=completed",
    );
  });

  it("round-trips through parseReportFilter", () => {
    const filters: ReportFilter[] = [
      { fiscalYear: 2024 },
      {
        fiscalYear: 2026,
        trackId: "onboarding",
        organisationId: "fire",
        sectionId: 3,
        employeeTypeCode: "regular",
        status: "inProgress",
      },
      { fiscalYear: 2027, employeeTypeCode: "fiscal-year", status: "notStarted" },
    ];
    for (const filter of filters) expect(parseReportFilter(reportFilterToParams(filter), 1999)).toEqual(filter);
  });
});
