import { japanDate } from "~/domain/japan-time.ts";

/**
 * Today's date in Japan, YYYY-MM-DD. MAMORI_TODAY pins it, so tests and
 * recorded demos give the same due dates and 期限超過 whatever day they run.
 */
export function today(): string {
  const pinned = process.env.MAMORI_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : japanDate(new Date());
}
