/**
 * Japan time. Every date rule of Mamori is in Asia/Tokyo, whatever the
 * server's zone (docs/domain.md, "Time"); Japan has no daylight saving.
 */
import { formatJapaneseDate } from "./japanese-date.ts";

export const JAPAN_TIME_ZONE = "Asia/Tokyo";

/** Japan is UTC+9 all year. */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The instant a calendar day (YYYY-MM-DD) begins in Japan: 00:00 Japan time. */
export function startOfJapanDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - JAPAN_OFFSET_MS);
}

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: JAPAN_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const isoDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: JAPAN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** An instant as Japanese date and time in Japan, e.g. 2026年11月25日 09:30. */
export function formatDateTime(instant: Date): string {
  return `${formatJapaneseDate(japanDate(instant))} ${timeFormat.format(instant)}`;
}

/** The calendar day in Japan of an instant, as YYYY-MM-DD. */
export function japanDate(instant: Date): string {
  return isoDateFormat.format(instant);
}

/** The Japan calendar day of an instant as pages write it, e.g. 2026年11月25日 (see formatJapaneseDate). */
export function formatJapanDay(instant: Date, options: { weekday?: boolean; era?: boolean } = {}): string {
  return formatJapaneseDate(japanDate(instant), options);
}
