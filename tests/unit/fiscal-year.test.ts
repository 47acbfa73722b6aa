import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  dateInFiscalYear,
  daysBetween,
  sameDayLastYear,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearOfInstant,
  fiscalYearRange,
  isCalendarDate,
} from "~/domain/fiscal-year.ts";

describe("fiscalYearOf", () => {
  it.each([
    ["2026-04-01", 2026, "1 April starts the year"],
    ["2026-03-31", 2025, "31 March still belongs to the year before"],
    ["2027-03-31", 2026, "31 March ends the year"],
    ["2027-04-01", 2027, "the next 1 April starts the next year"],
    ["2026-12-31", 2026, "December"],
    ["2027-01-01", 2026, "January belongs to the year that began the April before"],
    ["2028-02-29", 2027, "leap day"],
  ])("%s → %i (%s)", (date, expected) => {
    expect(fiscalYearOf(date)).toBe(expected);
  });

  it.each(["2026-02-30", "2026/04/01", "2026-4-1", "", "2026-04-01T00:00:00Z"])("rejects %j", (date) => {
    expect(() => fiscalYearOf(date)).toThrow(/calendar date/);
  });
});

describe("fiscalYearOfInstant", () => {
  const serverZone = process.env.TZ;
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it.each([
    ["2026-03-31T14:59:59.999Z", 2025, "23:59:59.999 on 31 March in Japan"],
    ["2026-03-31T15:00:00.000Z", 2026, "midnight on 1 April in Japan, still 31 March in UTC"],
    ["2026-04-01T00:00:00.000Z", 2026, "09:00 on 1 April in Japan"],
    ["2027-03-31T14:59:59.999Z", 2026, "the last moment of the year in Japan"],
  ])("%s → %i (%s)", (instant, expected) => {
    expect(fiscalYearOfInstant(new Date(instant))).toBe(expected);
  });

  it("follows Japan time whatever the server's zone", () => {
    process.env.TZ = "America/Los_Angeles";
    // 08:00 on 31 March in Los Angeles is already 1 April in Japan.
    expect(fiscalYearOfInstant(new Date("2026-03-31T15:00:00Z"))).toBe(2026);
    expect(fiscalYearOfInstant(new Date("2026-03-31T14:59:59Z"))).toBe(2025);
  });
});

describe("fiscalYearRange", () => {
  it("runs from 1 April to 31 March of the next calendar year", () => {
    expect(fiscalYearRange(2026)).toEqual({ start: "2026-04-01", end: "2027-03-31" });
    expect(fiscalYearRange(2019)).toEqual({ start: "2019-04-01", end: "2020-03-31" });
  });

  it("contains exactly the days fiscalYearOf puts in the year", () => {
    const { start, end } = fiscalYearRange(2026);
    expect(fiscalYearOf(addDays(start, -1))).toBe(2025);
    expect(fiscalYearOf(start)).toBe(2026);
    expect(fiscalYearOf(end)).toBe(2026);
    expect(fiscalYearOf(addDays(end, 1))).toBe(2027);
  });
});

describe("dateInFiscalYear", () => {
  it.each([
    [2026, "04-01", "2026-04-01", "April is in the year's own calendar year"],
    [2026, "09-30", "2026-09-30", "the manager course deadline"],
    [2026, "12-31", "2026-12-31", "the annual refresher deadline"],
    [2026, "01-01", "2027-01-01", "January is in the next calendar year"],
    [2026, "03-31", "2027-03-31", "the last day of the year"],
    [2027, "02-29", "2028-02-29", "leap day in a leap year"],
    [2026, "02-29", "2027-02-28", "leap day in a common year becomes the last day of February"],
    [1999, "02-29", "2000-02-29", "2000 is a leap year (divisible by 400)"],
    [2099, "02-29", "2100-02-28", "2100 is not (divisible by 100)"],
    [2026, "04-31", "2026-04-30", "a day April lacks becomes its last day"],
  ])("FY%i %s → %s (%s)", (fiscalYear, monthDay, expected) => {
    expect(dateInFiscalYear(fiscalYear, monthDay)).toBe(expected);
  });

  it.each(["13-01", "00-10", "04-00", "04-32", "4-1", "2026-04-01", ""])("rejects %j", (monthDay) => {
    expect(() => dateInFiscalYear(2026, monthDay)).toThrow(/MM-DD/);
  });
});

describe("addDays", () => {
  it.each([
    ["2026-04-01", 30, "2026-05-01"],
    ["2026-10-15", 30, "2026-11-14"],
    ["2027-04-01", 14, "2027-04-15"],
    ["2026-04-01", 0, "2026-04-01"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-29", 1, "2028-03-01"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2026-04-01", -1, "2026-03-31"],
    ["2026-04-01", 365, "2027-04-01"],
  ])("%s + %i → %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it("rejects a fraction of a day and a malformed date", () => {
    expect(() => addDays("2026-04-01", 1.5)).toThrow(/whole number/);
    expect(() => addDays("2026-02-30", 1)).toThrow(/calendar date/);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-04-01", "2026-05-01", 30],
    ["2026-05-01", "2026-04-01", -30],
    ["2026-04-01", "2026-04-01", 0],
    ["2026-04-01", "2027-03-31", 364],
    ["2027-04-01", "2028-03-31", 365],
    ["2028-02-28", "2028-03-01", 2],
    ["2027-02-28", "2027-03-01", 1],
  ])("%s → %s is %i days", (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it("is the inverse of addDays", () => {
    expect(daysBetween("2026-10-15", addDays("2026-10-15", 137))).toBe(137);
  });
});

describe("day arithmetic under a server zone with daylight saving", () => {
  const serverZone = process.env.TZ;
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it("never loses or gains a day over a clock change", () => {
    // New York moved its clocks on 8 March 2026 and 1 November 2026.
    process.env.TZ = "America/New_York";
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-10-31", 2)).toBe("2026-11-02");
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(daysBetween("2026-10-31", "2026-11-02")).toBe(2);
  });
});

describe("fiscalYearLabel", () => {
  it.each([
    [2026, "2026年度（令和8年度）"],
    [2020, "2020年度（令和2年度）"],
    [2019, "2019年度（令和元年度）"],
    [2018, "2018年度（平成30年度）"],
    [1989, "1989年度（平成元年度）"],
    [1988, "1988年度（昭和63年度）"],
  ])("%i → %s", (fiscalYear, expected) => {
    expect(fiscalYearLabel(fiscalYear)).toBe(expected);
  });
});

describe("isCalendarDate", () => {
  it.each([
    ["2026-04-01", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2026-13-01", false],
    ["2026-4-1", false],
    ["2026/04/01", false],
    ["", false],
  ])("%j → %s", (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe("sameDayLastYear", () => {
  it("is the same calendar day a year earlier, 29 February becoming the 28th", () => {
    expect(sameDayLastYear("2026-11-25")).toBe("2025-11-25");
    expect(sameDayLastYear("2028-02-29")).toBe("2027-02-28");
    expect(sameDayLastYear("2029-02-28")).toBe("2028-02-28");
  });
});
