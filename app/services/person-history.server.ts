import { assignmentStatus, type AssignmentStatus } from "~/domain/assignment-status.ts";
import type { ManagerScope } from "~/domain/manager-scope.ts";
import { today as todayInJapan } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";

export type PersonHistory = {
  person: {
    id: number;
    employeeNumber: string;
    name: string;
    organisationId: string;
    organisationName: string;
    sectionName: string | null;
    employeeTypeCode: string;
    employeeTypeName: string;
    active: boolean;
  };
  assignments: {
    id: number;
    trackId: string;
    trackName: string;
    fiscalYear: number;
    cycleKey: string;
    dueDate: string;
    status: AssignmentStatus;
    startedAt: Date | null;
    completedAt: Date | null;
    completedReleaseId: number | null;
  }[];
  attempts: {
    id: number;
    assignmentId: number;
    trackId: string;
    trackName: string;
    submittedAt: Date;
    correct: number;
    total: number;
    percent: number;
    passed: boolean;
    releaseId: number;
  }[];
  pledges: { id: number; assignmentId: number; signedAt: Date; releaseId: number }[];
};

/**
 * One person's whole training record: assignments with their status on
 * `today`, submitted attempts, pledges, and the release of each. Null when
 * there is no such person or, for a manager's `scope`, they are outside it.
 */
export async function personHistory(
  staffId: number,
  scope?: ManagerScope,
  today: string = todayInJapan(),
): Promise<PersonHistory | null> {
  const staff = await db.staff.findFirst({
    where: { id: staffId, ...scope },
    select: {
      id: true,
      employeeNumber: true,
      name: true,
      organisationId: true,
      employeeTypeCode: true,
      active: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
    },
  });
  if (!staff) return null;
  const [assignments, attempts, pledges, tracks] = await Promise.all([
    db.assignment.findMany({
      where: { staffId },
      orderBy: [{ fiscalYear: "desc" }, { dueDate: "asc" }, { id: "asc" }],
      select: {
        id: true,
        trackId: true,
        fiscalYear: true,
        cycleKey: true,
        dueDate: true,
        startedAt: true,
        completedAt: true,
        completedReleaseId: true,
      },
    }),
    db.quizAttempt.findMany({
      where: { staffId, submittedAt: { not: null } },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        assignmentId: true,
        submittedAt: true,
        correct: true,
        total: true,
        percent: true,
        passed: true,
        releaseId: true,
        assignment: { select: { trackId: true } },
      },
    }),
    db.pledge.findMany({
      where: { staffId },
      orderBy: [{ signedAt: "desc" }, { id: "desc" }],
      select: { id: true, assignmentId: true, signedAt: true, releaseId: true },
    }),
    db.track.findMany({ select: { id: true, name: true } }),
  ]);
  const trackName = new Map(tracks.map((t) => [t.id, t.name]));
  return {
    person: {
      id: staff.id,
      employeeNumber: staff.employeeNumber,
      name: staff.name,
      organisationId: staff.organisationId,
      organisationName: staff.organisation.name,
      sectionName: staff.section?.name ?? null,
      employeeTypeCode: staff.employeeTypeCode,
      employeeTypeName: staff.employeeType.name,
      active: staff.active,
    },
    assignments: assignments.map((a) => ({
      ...a,
      trackName: trackName.get(a.trackId) ?? a.trackId,
      status: assignmentStatus(a, today),
    })),
    attempts: attempts.map(({ assignment, submittedAt, correct, percent, passed, ...attempt }) => ({
      ...attempt,
      trackId: assignment.trackId,
      trackName: trackName.get(assignment.trackId) ?? assignment.trackId,
      // Set together with submittedAt when the attempt is scored.
      submittedAt: submittedAt!,
      correct: correct ?? 0,
      percent: percent ?? 0,
      passed: passed ?? false,
    })),
    pledges,
  };
}
