import { assignmentStatus, type AssignmentStatus } from "~/domain/assignment-status.ts";
import { daysBetweenIfDates, fiscalYearOf } from "~/domain/fiscal-year.ts";
import type { ManagerScope } from "~/domain/manager-scope.ts";
import { db } from "~/lib/db.server.ts";
import { staffMatching } from "./staff-directory.server.ts";

/**
 * What a manager (情報セキュリティ管理者) may see is always bounded by their
 * scope (domain/manager-scope.ts): every query here takes it as its first argument.
 */

/** Each row lists every track of the person, so a page holds fewer people than the staff directory's. */
export const TEAM_PAGE_SIZE = 25;

export type TeamQuery = { q?: string; overdueOnly: boolean; page: number };

export type TeamTrack = {
  assignmentId: number;
  trackName: string;
  dueDate: string;
  status: AssignmentStatus;
  daysOverdue: number | null;
};

export type TeamMember = {
  id: number;
  employeeNumber: string;
  name: string;
  nameKana: string;
  sectionName: string | null;
  employeeTypeName: string;
  tracks: TeamTrack[];
  overdue: boolean;
  remindedToday: boolean;
};

/**
 * One page of the active staff in `scope` matching the search, each with
 * their status on every track they still owe or were given this fiscal
 * year — an assignment left undone from an earlier year stays in view until
 * it is done. `overdueCount` counts the late people of the whole scope.
 */
export async function teamPage(scope: ManagerScope, query: TeamQuery, today: string) {
  const late = { some: { completedAt: null, dueDate: { lt: today } } };
  const inScope = { ...scope, active: true };
  const where = { ...inScope, ...staffMatching(query.q), ...(query.overdueOnly ? { assignments: late } : {}) };
  const [total, overdueCount, staff, tracks] = await Promise.all([
    db.staff.count({ where }),
    db.staff.count({ where: { ...inScope, assignments: late } }),
    db.staff.findMany({
      where,
      orderBy: [{ section: { name: "asc" } }, { employeeNumber: "asc" }],
      skip: (query.page - 1) * TEAM_PAGE_SIZE,
      take: TEAM_PAGE_SIZE,
      select: {
        id: true,
        employeeNumber: true,
        name: true,
        nameKana: true,
        section: { select: { name: true } },
        employeeType: { select: { name: true } },
        assignments: {
          where: { OR: [{ fiscalYear: fiscalYearOf(today) }, { completedAt: null }] },
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
          select: { id: true, trackId: true, dueDate: true, startedAt: true, completedAt: true },
        },
        reminders: { where: { day: today }, select: { day: true } },
      },
    }),
    db.track.findMany({ select: { id: true, name: true } }),
  ]);
  const trackName = new Map(tracks.map((tr) => [tr.id, tr.name]));
  const members: TeamMember[] = staff.map((person) => {
    const rows = person.assignments.map((a) => ({
      assignmentId: a.id,
      trackName: trackName.get(a.trackId) ?? a.trackId,
      dueDate: a.dueDate,
      status: assignmentStatus(a, today),
      daysOverdue: daysBetweenIfDates(a.dueDate, today),
    }));
    return {
      id: person.id,
      employeeNumber: person.employeeNumber,
      name: person.name,
      nameKana: person.nameKana,
      sectionName: person.section?.name ?? null,
      employeeTypeName: person.employeeType.name,
      tracks: rows,
      overdue: rows.some((r) => r.status === "overdue"),
      remindedToday: person.reminders.length > 0,
    };
  });
  return {
    total,
    overdueCount,
    pageCount: Math.max(1, Math.ceil(total / TEAM_PAGE_SIZE)),
    members,
  };
}

/** A member of the manager's scope as their profile shows them, or null for anyone outside it. */
export function getTeamMember(scope: ManagerScope, staffId: number) {
  return db.staff.findFirst({
    where: { id: staffId, ...scope },
    select: {
      id: true,
      employeeNumber: true,
      name: true,
      nameKana: true,
      startDate: true,
      appointmentStart: true,
      appointmentEnd: true,
      active: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
    },
  });
}
