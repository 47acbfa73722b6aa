/** How the security office has handled a reported mail: 未対応 / 対応中 / 問題なし / インシデント. */
export const TRIAGE_STATUSES = ["open", "in-progress", "no-issue", "incident"] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export function isTriageStatus(value: unknown): value is TriageStatus {
  return typeof value === "string" && (TRIAGE_STATUSES as readonly string[]).includes(value);
}
