import { daysBetweenIfDates } from "./fiscal-year.ts";

/** 未着手 / 受講中 / 修了 / 期限超過 */
export const ASSIGNMENT_STATUSES = ["notStarted", "inProgress", "completed", "overdue"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * An assignment's status on `today` (Japan calendar day). 期限超過 is derived
 * here at read time, never stored, so it can never be stale: an assignment
 * is overdue from the day after its due date until it is completed.
 */
export function assignmentStatus(
  assignment: { completedAt: Date | string | null; startedAt: Date | string | null; dueDate: string },
  today: string,
): AssignmentStatus {
  if (assignment.completedAt) return "completed";
  if (today > assignment.dueDate) return "overdue";
  return assignment.startedAt ? "inProgress" : "notStarted";
}

/**
 * Days from today to the due date: positive before, 0 on the day, negative
 * once overdue; null for a stored date that is not a calendar day.
 */
export function daysToDue(dueDate: string, today: string): number | null {
  return daysBetweenIfDates(today, dueDate);
}
