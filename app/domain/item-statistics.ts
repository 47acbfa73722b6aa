/**
 * Item statistics in the manner of Moodle's quiz statistics: for each
 * question its facility (share answered right), its discrimination (how well
 * answering it right goes with doing well on the rest of the attempt) and
 * how often each choice was picked, with a flag on items the content owner
 * should look at. Pure: the sums come from SQL (report-sql.server.ts).
 */

/**
 * Per question, over the attempts that asked it: n answers, x = 1 when
 * answered right, y = the share of the attempt's other questions answered
 * right (the rest of the attempt, so the item does not correlate with itself).
 */
export type ItemSums = { n: number; sumX: number; sumY: number; sumXY: number; sumYY: number };

/**
 * The point-biserial correlation of x with y (Pearson's r on a 0/1
 * variable), from -1 to 1; null when either side does not vary (everyone
 * right, everyone wrong, or every rest score alike), where it says nothing.
 */
export function pointBiserial({ n, sumX, sumY, sumXY, sumYY }: ItemSums): number | null {
  const varianceX = n * sumX - sumX * sumX; // x² = x for a 0/1 variable
  const varianceY = n * sumYY - sumY * sumY;
  // Float sums of equal rest scores can leave a hair of variance: treat it as none.
  if (varianceX <= 0 || varianceY <= 1e-9 * n * n) return null;
  return (n * sumXY - sumX * sumY) / Math.sqrt(varianceX * varianceY);
}

/** Below this many answers the figures are shown but nothing is flagged: a handful of people prove nothing. */
export const MIN_ANSWERS_TO_FLAG = 30;

/** A discrimination below this tells the well-prepared from the rest hardly at all (Moodle marks under 0.1 as weak). */
export const WEAK_DISCRIMINATION = 0.1;

export type ItemFlag = "negative" | "none" | "distractor";

export type ChoiceCount = { id: string; text: string; key: boolean; picked: number };

/**
 * Why an item needs a look: it discriminates negatively (the better
 * candidates get it wrong more often) or not at all, or a wrong choice is
 * picked more often than the key (than the least-picked key, on multiple
 * choice).
 */
export function itemFlags(n: number, discrimination: number | null, choices: readonly ChoiceCount[]): ItemFlag[] {
  if (n < MIN_ANSWERS_TO_FLAG) return [];
  const flags: ItemFlag[] = [];
  if (discrimination !== null && discrimination < 0) flags.push("negative");
  else if (discrimination === null || discrimination < WEAK_DISCRIMINATION) flags.push("none");
  const keys = choices.filter((c) => c.key).map((c) => c.picked);
  const wrong = choices.filter((c) => !c.key).map((c) => c.picked);
  if (keys.length > 0 && wrong.length > 0 && Math.max(...wrong) > Math.min(...keys)) flags.push("distractor");
  return flags;
}

export type ItemStatistic = {
  questionId: string;
  moduleSlug: string | null;
  prompt: string | null;
  n: number;
  /** Share answered right, 0–1. */
  facility: number;
  discrimination: number | null;
  /** In the question's own order, each with how many answers picked it. */
  choices: ChoiceCount[];
  flags: ItemFlag[];
};
