/**
 * 年度 (fiscal year): 1 April – 31 March, named after the calendar year in
 * which it starts (docs/domain.md, "Time"). Calendar dates are Japan
 * calendar days written "YYYY-MM-DD"; arithmetic on them is done in UTC so
 * the server's time zone never shifts a day.
 */
import { japanDate } from "~/domain/japan-time.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_MONTH = 4;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day written "YYYY-MM-DD". */
export function isCalendarDate(value: string): boolean {
  return parse(value) !== null;
}

/** The fiscal year a Japan calendar day belongs to: 2027-03-31 → 2026. */
export function fiscalYearOf(date: string): number {
  const { year, month } = parseOrThrow(date);
  return month >= FIRST_MONTH ? year : year - 1;
}

/** The fiscal year of an instant, on the Japan calendar. */
export function fiscalYearOfInstant(instant: Date): number {
  return fiscalYearOf(japanDate(instant));
}

/** First and last day of a fiscal year: 2026 → 2026-04-01 … 2027-03-31. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: format(fiscalYear, 4, 1), end: format(fiscalYear + 1, 3, 31) };
}

/**
 * The day "MM-DD" within a fiscal year: January to March fall in the next
 * calendar year. A day the month lacks (02-29 outside a leap year, 04-31)
 * becomes the month's last day, so a deadline written in content never
 * disappears in a short month.
 */
export function dateInFiscalYear(fiscalYear: number, monthDay: string): string {
  const match = MONTH_DAY.exec(monthDay);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new Error(`Not a month and day (MM-DD): ${JSON.stringify(monthDay)}`);
  }
  const year = month >= FIRST_MONTH ? fiscalYear : fiscalYear + 1;
  return format(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The calendar day `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new Error(`Not a whole number of days: ${days}`);
  const shifted = new Date(toUtcMs(date) + days * DAY_MS);
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * The same calendar day a year earlier, for "last year at the same date":
 * 29 February becomes the 28th.
 */
export function sameDayLastYear(date: string): string {
  const { year, month, day } = parseOrThrow(date);
  return format(year - 1, month, Math.min(day, daysInMonth(year - 1, month)));
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

// 和暦 of a fiscal year follows its calendar year: the year 令和 began (2019)
// is 令和元年度 for the whole fiscal year, as the government writes it, even
// though April 2019 was still 平成.
const ERAS = [
  { name: "令和", firstYear: 2019 },
  { name: "平成", firstYear: 1989 },
  { name: "昭和", firstYear: 1926 },
] as const;

/** A fiscal year as staff read it: 2026 → "2026年度（令和8年度）". */
export function fiscalYearLabel(fiscalYear: number): string {
  const era = ERAS.find((candidate) => fiscalYear >= candidate.firstYear);
  if (!era) return `${fiscalYear}年度`;
  const yearOfEra = fiscalYear - era.firstYear + 1;
  return `${fiscalYear}年度（${era.name}${yearOfEra === 1 ? "元" : yearOfEra}年度）`;
}

type CalendarDate = { year: number; month: number; day: number };

function parse(value: string): CalendarDate | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

// Rules fed a malformed date would silently produce a wrong due date; fail
// loudly instead, at the boundary where the bad value entered.
function parseOrThrow(value: string): CalendarDate {
  const date = parse(value);
  if (!date) throw new Error(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return date;
}

function toUtcMs(value: string): number {
  const { year, month, day } = parseOrThrow(value);
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  utc.setUTCFullYear(year, month - 1, day);
  return utc.getTime();
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
