/**
 * 和暦 (Japanese eras) that a date in a personnel file can still be written
 * in. Year 1 of an era is the calendar year in which it began; `last` is the
 * day before the next era began.
 */
const ERAS = [
  { name: "昭和", letter: "S", first: "1926-12-25", last: "1989-01-07" },
  { name: "平成", letter: "H", first: "1989-01-08", last: "2019-04-30" },
  { name: "令和", letter: "R", first: "2019-05-01", last: "9999-12-31" },
] as const;

type Era = (typeof ERAS)[number];

// After the year: either "年M月D日", or M and D after the same separator twice.
const MONTH_DAY = String.raw`(?:年(?<kanjiMonth>\d{1,2})月(?<kanjiDay>\d{1,2})日|(?<separator>[-/.])(?<month>\d{1,2})\k<separator>(?<day>\d{1,2}))`;
const WESTERN_DATE = new RegExp(String.raw`^(?<year>\d{4})${MONTH_DAY}$`);
const ERA_DATE = new RegExp(String.raw`^(?<era>昭和|平成|令和|[SHR])(?<year>\d{1,2}|元)${MONTH_DAY}$`);

/**
 * A date as typed in a personnel system's export, as "YYYY-MM-DD", or null
 * when it is not a real day (2026-02-30) or not a day of the era it names
 * (平成32年, 令和元年4月1日).
 */
/** Longer than any way of writing a date ("令和 元年 12月 31日" with spaces to spare). */
const MAX_DATE_CHARS = 40;

export function parseJapaneseDate(input: string): string | null {
  // A cell of a 20 MB file can be megabytes long: it is no date, and is not normalised to find out.
  if (input.length > MAX_DATE_CHARS) return null;
  // NFKC turns full-width digits into ASCII and "㋿" into "令和"; people put
  // spaces in odd places ("令和 8年 4月 1日"), which never change the meaning.
  const text = input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (text === "") return null;

  const western = WESTERN_DATE.exec(text)?.groups;
  if (western) return calendarDate(Number(western.year), ...monthAndDay(western));

  const japanese = ERA_DATE.exec(text)?.groups;
  if (japanese) {
    const era = ERAS.find((candidate) => candidate.name === japanese.era || candidate.letter === japanese.era);
    if (!era) return null;
    const yearOfEra = japanese.year === "元" ? 1 : Number(japanese.year);
    if (yearOfEra < 1) return null;
    const date = calendarDate(eraStartYear(era) + yearOfEra - 1, ...monthAndDay(japanese));
    // ISO dates compare correctly as strings.
    if (date === null || date < era.first || date > era.last) return null;
    return date;
  }

  return null;
}

function monthAndDay(groups: Record<string, string | undefined>): [number, number] {
  return [Number(groups.kanjiMonth ?? groups.month), Number(groups.kanjiDay ?? groups.day)];
}

function eraStartYear(era: Era): number {
  return Number(era.first.slice(0, 4));
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// ---- Writing dates as Japanese readers do. Pages write 2026年12月16日, with
// the weekday where a deadline is to be acted on; certificates and the
// committee report write the era (令和8年12月16日). CSV files and form
// inputs keep ISO dates (YYYY-MM-DD), which Excel and <input type="date"> read.

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;

function parts(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The weekday of a calendar day: "水". */
export function weekdayOf(date: string): string {
  const { year, month, day } = parts(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return WEEKDAYS[utc.getUTCDay()]!;
}

/** The era year of a calendar day: 2026-12-16 → "令和8年", 2019-05-01 → "令和元年"; null before 昭和. */
export function eraYear(date: string): string | null {
  const era = [...ERAS].reverse().find((candidate) => date >= candidate.first);
  if (!era) return null;
  const year = parts(date).year - eraStartYear(era) + 1;
  return `${era.name}${year === 1 ? "元" : year}年`;
}

/**
 * A calendar day (YYYY-MM-DD) as pages write it: "2026年12月16日";
 * `weekday` adds "（水）", `era` writes the year in the era ("令和8年12月16日").
 */
export function formatJapaneseDate(date: string, options: { weekday?: boolean; era?: boolean } = {}): string {
  const { year, month, day } = parts(date);
  const yearText = (options.era ? eraYear(date) : null) ?? `${year}年`;
  return `${yearText}${month}月${day}日${options.weekday ? `（${weekdayOf(date)}）` : ""}`;
}

/** "2026-11" → "2026年11月". */
export function formatJapaneseMonth(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}
