import { describe, expect, it } from "vitest";
import { parseJapaneseDate } from "~/domain/japanese-date.ts";

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
