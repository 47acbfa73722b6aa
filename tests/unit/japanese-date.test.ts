import { describe, expect, it } from "vitest";
import { formatDateTime, formatJapanDay } from "~/domain/japan-time.ts";
import {
  eraYear,
  formatJapaneseDate,
  formatJapaneseMonth,
  parseJapaneseDate,
  weekdayOf,
} from "~/domain/japanese-date.ts";

describe("parseJapaneseDate", () => {
  it.each([
    ["2026-04-01", "2026-04-01"],
    ["2026-4-1", "2026-04-01"],
    ["2026/04/01", "2026-04-01"],
    ["2026/4/1", "2026-04-01"],
    ["2026.4.1", "2026-04-01"],
    ["2026年4月1日", "2026-04-01"],
    ["２０２６／４／１", "2026-04-01"],
    [" 2026/4/1 ", "2026-04-01"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["令和8年4月1日", "2026-04-01"],
    ["令和８年４月１日", "2026-04-01"],
    ["令和 8年 4月 1日", "2026-04-01"],
    ["㋿8年4月1日", "2026-04-01"],
    ["令和元年5月1日", "2019-05-01"],
    ["令和1年5月1日", "2019-05-01"],
    ["R8.4.1", "2026-04-01"],
    ["R8/4/1", "2026-04-01"],
    ["r8.4.1", "2026-04-01"],
    ["Ｒ８．４．１", "2026-04-01"],
    ["平成31年4月30日", "2019-04-30"],
    ["H31.4.30", "2019-04-30"],
    ["平成元年1月8日", "1989-01-08"],
    ["昭和64年1月7日", "1989-01-07"],
    ["S64.1.7", "1989-01-07"],
    ["昭和元年12月25日", "1926-12-25"],
    ["S50.4.1", "1975-04-01"],
  ])("%s → %s", (typed, expected) => {
    expect(parseJapaneseDate(typed)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["   ", "blank"],
    ["2026-02-30", "no 30 February"],
    ["2025-02-29", "not a leap year"],
    ["1900-02-29", "century not divisible by 400"],
    ["2026-13-01", "no month 13"],
    ["2026-04-31", "April has 30 days"],
    ["2026-00-10", "no month 0"],
    ["2026-04-00", "no day 0"],
    ["2026/4-1", "mixed separators"],
    ["26/4/1", "two-digit year"],
    ["2026年4月", "no day"],
    ["20260401", "no separators"],
    ["平成32年1月1日", "after 平成 ended"],
    ["平成31年5月1日", "the first day of 令和"],
    ["H31.5.1", "the first day of 令和, by letter"],
    ["令和元年4月1日", "before 令和 began"],
    ["R1.4.30", "before 令和 began, by letter"],
    ["昭和64年1月8日", "the first day of 平成"],
    ["平成元年1月7日", "the last day of 昭和"],
    ["昭和元年12月24日", "before 昭和 began"],
    ["令和0年5月1日", "no year 0"],
    ["明治45年7月29日", "unsupported era"],
    ["M45.7.29", "unsupported era letter"],
    ["令和8年2月30日", "no 30 February in an era date"],
    ["来年4月1日", "not a date"],
    ["2026-04-01T00:00", "a time"],
  ])("rejects %s (%s)", (typed) => {
    expect(parseJapaneseDate(typed)).toBeNull();
  });
});

describe("formatJapaneseDate", () => {
  it("writes a day as pages do, with the weekday or the era when asked", () => {
    expect(formatJapaneseDate("2026-12-16")).toBe("2026年12月16日");
    expect(formatJapaneseDate("2026-12-16", { weekday: true })).toBe("2026年12月16日（水）");
    expect(formatJapaneseDate("2026-12-16", { era: true })).toBe("令和8年12月16日");
    expect(formatJapaneseDate("2026-04-05", { era: true, weekday: true })).toBe("令和8年4月5日（日）");
  });

  it("names the era a day belongs to, 元年 for its first year", () => {
    expect(eraYear("2019-04-30")).toBe("平成31年");
    expect(eraYear("2019-05-01")).toBe("令和元年");
    expect(eraYear("1989-01-07")).toBe("昭和64年");
    expect(eraYear("1900-01-01")).toBeNull();
    expect(formatJapaneseDate("1900-01-01", { era: true })).toBe("1900年1月1日");
  });

  it("writes the weekday across leap days and years", () => {
    expect(weekdayOf("2024-02-29")).toBe("木");
    expect(weekdayOf("2027-03-31")).toBe("水");
  });

  it("refuses what is not a calendar date rather than print nonsense", () => {
    expect(() => formatJapaneseDate("2026/12/16")).toThrow();
  });

  it("writes instants as a Japan calendar day and time", () => {
    expect(formatDateTime(new Date("2026-11-24T15:30:00Z"))).toBe("2026年11月25日 00:30");
    expect(formatJapanDay(new Date("2026-11-24T15:30:00Z"), { era: true })).toBe("令和8年11月25日");
    expect(formatJapaneseMonth("2027-01")).toBe("2027年1月");
  });
});
