import { japanDate } from "~/domain/japan-time.ts";
import { env } from "./env.server.ts";

/**
 * Today's date in Japan, YYYY-MM-DD. MAMORI_TODAY pins it, so tests and
 * recorded demos give the same due dates and 期限超過 whatever day they run.
 */
export function today(): string {
  return env.MAMORI_TODAY ?? japanDate(new Date());
}
