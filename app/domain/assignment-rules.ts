/**
 * Which tracks a member of staff must take in a fiscal year, with their
 * cycle and due date (docs/domain.md, "Assignments"). Pure: the
 * caller supplies "today" as a Japan calendar day.
 */
import type { Track, DueRule } from "~/domain/content/types.ts";
import { addDays, dateInFiscalYear, fiscalYearOf, fiscalYearRange, isCalendarDate } from "~/domain/fiscal-year.ts";
import { dutiesAllow, type Duty } from "~/domain/duties.ts";
import { roleAllows, type Role } from "~/domain/roles.ts";

export type StaffForRules = {
  employeeTypeCode: string;
  role: Role;
  /** 担当: duties with courses of their own (system administrators, executives). */
  duties: readonly Duty[];
  /** 採用日, YYYY-MM-DD. */
  startDate: string;
  /** 任用開始日 of the current appointment period (会計年度任用職員). */
  appointmentStart: string | null;
  appointmentEnd: string | null;
  active: boolean;
};

export type TrackForRules = Pick<Track, "id" | "appliesTo" | "cycle" | "due" | "skipInYearOfStart">;

export type RequiredAssignment = { trackId: string; cycleKey: string; fiscalYear: number; dueDate: string };

/** The period an assignment covers; at most one assignment per track and period. */
export type CyclePeriod =
  { cycle: "once" } | { cycle: "fiscal-year"; fiscalYear: number } | { cycle: "appointment"; appointmentStart: string };

/**
 * Someone who joins, or becomes MANAGER, after a fixed deadline of the year
 * has passed gets this many days from the day the assignment is created.
 */
export const LATE_JOINER_DAYS = 30;

/** The stored key of a cycle: "once", "FY2026" or "AP2026-04-01". */
export function cycleKeyOf(period: CyclePeriod): string {
  switch (period.cycle) {
    case "once":
      return "once";
    case "fiscal-year":
      return `FY${period.fiscalYear}`;
    case "appointment":
      return `AP${period.appointmentStart}`;
  }
}

/** True when the track is meant for the person's employee type, role and duties. */
export function trackAppliesTo(
  track: Pick<TrackForRules, "appliesTo">,
  staff: Pick<StaffForRules, "employeeTypeCode" | "role" | "duties">,
): boolean {
  return (
    track.appliesTo.employeeTypes.includes(staff.employeeTypeCode) &&
    roleAllows(staff.role, track.appliesTo.roles) &&
    // Definitions stored by releases before duties existed have no list: everyone.
    dutiesAllow(staff.duties, track.appliesTo.duties ?? [])
  );
}

/**
 * The assignments a person needs in a fiscal year, under the tracks' rules,
 * in the order of `tracks`. A due date is the one to give an assignment
 * created `today`; an assignment that already exists keeps its own.
 */
export function requiredAssignments(
  staff: StaffForRules,
  tracks: readonly TrackForRules[],
  fiscalYear: number,
  today: string,
): RequiredAssignment[] {
  if (!isCalendarDate(today)) throw new Error(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  if (!staff.active) return [];
  const required: RequiredAssignment[] = [];
  for (const track of tracks) {
    if (!trackAppliesTo(track, staff)) continue;
    const assignment = requiredFor(track, staff, fiscalYear, today);
    if (assignment) required.push(assignment);
  }
  return required;
}

function requiredFor(
  track: TrackForRules,
  staff: StaffForRules,
  fiscalYear: number,
  today: string,
): RequiredAssignment | null {
  const yearOfStart = fiscalYearOf(staff.startDate);
  const base = { trackId: track.id, fiscalYear };

  switch (track.cycle) {
    case "once": {
      if (yearOfStart !== fiscalYear) return null;
      const dueDate = dueFor(track.due, {
        fiscalYear,
        start: staff.startDate,
        appointment: staff.appointmentStart ?? staff.startDate,
        joined: staff.startDate,
        today,
      });
      return { ...base, cycleKey: cycleKeyOf({ cycle: "once" }), dueDate };
    }

    case "fiscal-year": {
      if (yearOfStart > fiscalYear) return null;
      if (track.skipInYearOfStart && yearOfStart === fiscalYear) return null;
      // Counting days from a start years ago would make the assignment
      // overdue on creation; an earlier day counts from the year's first day.
      const yearStart = fiscalYearRange(fiscalYear).start;
      const inYear = (date: string) => (fiscalYearOf(date) === fiscalYear ? date : yearStart);
      const dueDate = dueFor(track.due, {
        fiscalYear,
        start: inYear(staff.startDate),
        appointment: inYear(staff.appointmentStart ?? staff.startDate),
        joined: staff.startDate,
        today,
      });
      return { ...base, cycleKey: cycleKeyOf({ cycle: "fiscal-year", fiscalYear }), dueDate };
    }

    case "appointment": {
      const appointmentStart = staff.appointmentStart;
      if (appointmentStart === null || fiscalYearOf(appointmentStart) !== fiscalYear) return null;
      // The first appointment is the year of hiring: onboarding covers it.
      if (track.skipInYearOfStart && yearOfStart === fiscalYear) return null;
      const dueDate = dueFor(track.due, {
        fiscalYear,
        start: staff.startDate,
        appointment: appointmentStart,
        joined: appointmentStart,
        today,
      });
      return { ...base, cycleKey: cycleKeyOf({ cycle: "appointment", appointmentStart }), dueDate };
    }

    case "delta":
      // Delta retraining is assigned by HR after a content release, never by rule.
      return null;
  }
}

type DueAnchors = {
  fiscalYear: number;
  /** The days a `daysAfter` rule counts from, by its `from`. */
  start: string;
  appointment: string;
  /** The day the person entered this cycle; a fixed deadline before it has passed for them. */
  joined: string;
  today: string;
};

function dueFor(rule: DueRule, anchors: DueAnchors): string {
  switch (rule.kind) {
    case "daysAfter": {
      const due = addDays(
        rule.from === "start" ? anchors.start : rule.from === "appointment" ? anchors.appointment : anchors.today,
        rule.days,
      );
      // Assigned after its deadline (a late import, a mid-year introduction):
      // the person gets a fair window rather than an instant 期限超過.
      return due < anchors.today ? addDays(anchors.today, LATE_JOINER_DAYS) : due;
    }
    case "fiscalYearDate": {
      const deadline = dateInFiscalYear(anchors.fiscalYear, rule.monthDay);
      if (deadline >= anchors.today && deadline >= anchors.joined) return deadline;
      // ISO dates compare correctly as strings.
      const later = anchors.today > anchors.joined ? anchors.today : anchors.joined;
      return addDays(later, LATE_JOINER_DAYS);
    }
  }
}
