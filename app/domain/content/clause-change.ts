/**
 * What kind of change a clause went through between two releases, for the
 * two places that must not mistake form for substance: the review queue
 * (要確認) and the delta course (差分再研修). A learner needs to look again
 * only when what a clause obliges changed; a new heading, a re-typed text
 * with other line breaks or full-width digits, or another city's name in
 * the same sentence oblige nothing new.
 */

export type ClauseText = { heading: string; text: string };

/**
 * - `text`: the wording changed in substance — review and retrain;
 * - `renaming`: only the city's name differs — neither;
 * - `heading`: only the heading differs — listed apart, no retraining;
 * - `none`: nothing a reader would notice.
 */
export type ClauseChange = "none" | "heading" | "renaming" | "text";

/** A city's renaming as its two policy titles differ: "甲市…ポリシー" → "乙市…ポリシー" gives 甲市 → 乙市. */
export type Renaming = readonly [from: string, to: string];

const MUNICIPALITY = /^[市町村区都道府県]$/;

export function cityRenaming(beforeTitle: string, afterTitle: string): Renaming | null {
  let common = 0;
  const limit = Math.min(beforeTitle.length, afterTitle.length);
  while (common < limit && beforeTitle[beforeTitle.length - 1 - common] === afterTitle[afterTitle.length - 1 - common])
    common++;
  // "甲市…" and "乙川市…" share "市…": the name is the whole 甲市, not 甲.
  if (common > 0 && MUNICIPALITY.test(afterTitle[afterTitle.length - common]!)) common--;
  const from = beforeTitle.slice(0, beforeTitle.length - common);
  const to = afterTitle.slice(0, afterTitle.length - common);
  return from && to && from !== to ? [from, to] : null;
}

/** The text as a reader compares it: width and layout (spaces, line breaks) do not count. */
export function substance(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

export function classifyClauseChange(before: ClauseText, after: ClauseText, renaming: Renaming | null): ClauseChange {
  const was = substance(before.text);
  const now = substance(after.text);
  const headingChanged = substance(before.heading) !== substance(after.heading);
  if (was !== now) {
    const renamed = renaming ? was.split(substance(renaming[0])).join(substance(renaming[1])) : was;
    if (renamed !== now) return "text";
    return headingChanged ? "heading" : "renaming";
  }
  return headingChanged ? "heading" : "none";
}
