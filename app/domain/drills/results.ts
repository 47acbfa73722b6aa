/**
 * A drill's figures, with the definitions of the NCA drill handbook:
 * 開封率 = clicked ÷ delivered, 通報率 = reported ÷ delivered; and 返信率 =
 * replied ÷ delivered, a reply to the fake sender being a risk like a click.
 * Pure.
 */

export type MessageOutcome = {
  organisationId: string;
  organisationName: string;
  employeeTypeCode: string;
  employeeTypeName: string;
  sentAt: Date | null;
  clickedAt: Date | null;
  openedAttachmentAt: Date | null;
  enteredAt: Date | null;
  repliedAt: Date | null;
  reportedAt: Date | null;
};

export type DrillFigures = {
  targeted: number;
  delivered: number;
  clicked: number;
  /** clicked ÷ delivered, 0–1; null when nothing was delivered. */
  clickRate: number | null;
  openedAttachment: number;
  entered: number;
  replied: number;
  /** replied ÷ delivered, 0–1. */
  replyRate: number | null;
  reported: number;
  /** reported ÷ delivered, 0–1. */
  reportRate: number | null;
  reportedWithoutClicking: number;
  /** Median minutes from a person's delivery to their first report. */
  medianMinutesToReport: number | null;
};

export function figuresOf(rows: readonly MessageOutcome[]): DrillFigures {
  const delivered = rows.filter((r) => r.sentAt !== null);
  const clicked = delivered.filter((r) => r.clickedAt !== null).length;
  const reporters = delivered.filter((r) => r.reportedAt !== null);
  const replied = delivered.filter((r) => r.repliedAt !== null).length;
  const minutes = reporters.map((r) => (r.reportedAt!.getTime() - r.sentAt!.getTime()) / 60_000);
  return {
    targeted: rows.length,
    delivered: delivered.length,
    clicked,
    clickRate: delivered.length === 0 ? null : clicked / delivered.length,
    openedAttachment: delivered.filter((r) => r.openedAttachmentAt !== null).length,
    entered: delivered.filter((r) => r.enteredAt !== null).length,
    replied,
    replyRate: delivered.length === 0 ? null : replied / delivered.length,
    reported: reporters.length,
    reportRate: delivered.length === 0 ? null : reporters.length / delivered.length,
    reportedWithoutClicking: reporters.filter((r) => r.clickedAt === null).length,
    medianMinutesToReport: median(minutes),
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

export type FigureGroup = { key: string; label: string; figures: DrillFigures };

/** Figures per value of `keyOf`, in first-seen order of `order` (then by label). */
export function groupFigures(
  rows: readonly MessageOutcome[],
  keyOf: (r: MessageOutcome) => { key: string; label: string },
): FigureGroup[] {
  const groups = new Map<string, { label: string; rows: MessageOutcome[] }>();
  for (const row of rows) {
    const { key, label } = keyOf(row);
    const group = groups.get(key) ?? { label, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, g]) => ({ key, label: g.label, figures: figuresOf(g.rows) }));
}

export type TimelinePoint = { hour: number; clicked: number; reported: number };

/**
 * Cumulative clicks and reports at the end of each of the first `hours`
 * hours after the first delivery: how fast the drill spread, and how fast
 * reports came in.
 */
export function timelineOf(rows: readonly MessageOutcome[], hours: number): TimelinePoint[] {
  const sent = rows.map((r) => r.sentAt?.getTime()).filter((t): t is number => t !== undefined);
  if (sent.length === 0) return [];
  const first = Math.min(...sent);
  const points: TimelinePoint[] = [];
  for (let hour = 1; hour <= hours; hour++) {
    const until = first + hour * 3_600_000;
    points.push({
      hour,
      clicked: rows.filter((r) => r.clickedAt !== null && r.clickedAt.getTime() <= until).length,
      reported: rows.filter((r) => r.reportedAt !== null && r.reportedAt.getTime() <= until).length,
    });
  }
  return points;
}

/** A rate as a percentage with one decimal, or "—". */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
