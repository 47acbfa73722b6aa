/**
 * 担当: duties that call for training of their own, beside the role. A role
 * says what a person may do in Mamori; a duty says what the person does for
 * the city's information security. The national guideline expects training
 * to differ by role: tracks.yaml's `appliesTo.duties` picks people by duty.
 */
export const DUTIES = ["system-admin", "executive"] as const;
export type Duty = (typeof DUTIES)[number];

/** How people and the personnel system's CSV name each duty. */
export const DUTY_LABELS: Record<Duty, string> = {
  "system-admin": "情報システム担当",
  executive: "幹部職員",
};

/** Other names the staff CSV accepts, besides the label and the code. */
const ALIASES: Record<string, Duty> = {
  システム担当: "system-admin",
  情報システム管理者: "system-admin",
  幹部: "executive",
  特別職: "executive",
};

export function isDuty(value: unknown): value is Duty {
  return typeof value === "string" && (DUTIES as readonly string[]).includes(value);
}

/** Duties in DUTIES order without repeats, so that equal sets are equal lists. */
export function normaliseDuties(duties: readonly Duty[]): Duty[] {
  return DUTIES.filter((duty) => duties.includes(duty));
}

/** The stored form on Staff.duties: codes separated by one space; "" for none. */
export function formatDuties(duties: readonly Duty[]): string {
  return normaliseDuties(duties).join(" ");
}

/** Reads Staff.duties; unknown codes (from a newer version, say) are ignored. */
export function parseStoredDuties(stored: string): Duty[] {
  return normaliseDuties(stored.split(/\s+/).filter(isDuty));
}

/**
 * Reads a 担当 cell: labels or codes separated by 、 , ; / or spaces.
 * Returns the duties, or the words it could not read.
 */
export function readDutiesCell(text: string): { duties: Duty[] } | { unknown: string[] } {
  const words = text
    .normalize("NFKC")
    .split(/[、,;/\s]+/)
    .map((word) => word.trim())
    .filter(Boolean);
  const duties: Duty[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const duty = isDuty(word.toLowerCase())
      ? (word.toLowerCase() as Duty)
      : (DUTIES.find((d) => DUTY_LABELS[d] === word) ?? ALIASES[word]);
    if (duty) duties.push(duty);
    else unknown.push(word);
  }
  return unknown.length > 0 ? { unknown } : { duties: normaliseDuties(duties) };
}

/** True when a track restricted to `required` duties (empty: everyone) applies to someone with `held`. */
export function dutiesAllow(held: readonly Duty[], required: readonly Duty[]): boolean {
  return required.length === 0 || required.some((duty) => held.includes(duty));
}

/** Stored duties as people read them: 「情報システム担当、幹部職員」; "" for none. */
export function describeDuties(stored: string): string {
  return parseStoredDuties(stored)
    .map((duty) => DUTY_LABELS[duty])
    .join("、");
}
