/**
 * Japan time. Every date rule of Mamori is in Asia/Tokyo, whatever the
 * server's zone (docs/domain.md, "Time"); Japan has no daylight saving.
 */
export const JAPAN_TIME_ZONE = "Asia/Tokyo";

const dateTimeFormat = new Intl.DateTimeFormat("ja-JP", {
  timeZone: JAPAN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

const isoDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: JAPAN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** An instant as Japanese date and time, e.g. 2026/11/25 09:30. */
export function formatDateTime(instant: Date): string {
  return dateTimeFormat.format(instant);
}

/** The calendar day in Japan of an instant, as YYYY-MM-DD. */
export function japanDate(instant: Date): string {
  return isoDateFormat.format(instant);
}
