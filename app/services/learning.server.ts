import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { assignmentStatus, daysToDue } from "~/domain/assignment-status.ts";
import type { Track } from "~/domain/content/types.ts";
import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { japanDate } from "~/domain/japan-time.ts";
import { nextStep, trackProgress, type TrackProgress } from "~/domain/track-progress.ts";
import { currentRelease, getTrack, listTracks, moduleSummaries, moduleSummariesBySlug } from "./catalogue.server.ts";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

const progressInclude = {
  readings: { select: { moduleSlug: true } },
  attempts: { where: { passed: true }, select: { id: true }, take: 1 },
  pledge: { select: { id: true, signedAt: true } },
} as const;

/**
 * The track as this assignment takes it: a delta retraining assignment
 * covers only its own modules, with two questions per module at most.
 */
export function trackFor(track: Track, assignment: { moduleSlugs: unknown }): Track {
  if (!Array.isArray(assignment.moduleSlugs)) return track;
  const modules = assignment.moduleSlugs.map(String);
  return { ...track, modules, quiz: { ...track.quiz, questions: Math.min(track.quiz.questions, modules.length * 2) } };
}

function progressOf(
  track: Track,
  assignment: { readings: { moduleSlug: string }[]; attempts: { id: number }[]; pledge: { id: number } | null },
): TrackProgress {
  return trackProgress(track, {
    readSlugs: new Set(assignment.readings.map((r) => r.moduleSlug)),
    quizPassed: assignment.attempts.length > 0,
    pledgeSigned: assignment.pledge !== null,
  });
}

/**
 * "わたしの研修": a person's assignments with status on `today`, due date,
 * progress and next step; open work first, soonest due first.
 */
export async function listMyAssignments(staffId: number, today: string) {
  const [assignments, tracks, modules] = await Promise.all([
    db.assignment.findMany({ where: { staffId }, include: progressInclude, orderBy: [{ dueDate: "asc" }] }),
    listTracks(),
    moduleSummariesBySlug(),
  ]);
  // Looked up through openFor's unique index: a relation count would scan the attempts.
  const open = await db.quizAttempt.findMany({
    where: { openFor: { in: assignments.map((a) => a.id) } },
    select: { openFor: true },
  });
  const withOpenAttempt = new Set(open.map((o) => o.openFor));
  const trackById = new Map(tracks.map((t) => [t.id, t]));
  const view = assignments.flatMap((a) => {
    const definition = trackById.get(a.trackId);
    if (!definition) return [];
    const track = trackFor(definition, a);
    const progress = progressOf(track, a);
    const next = nextStep(progress);
    return [
      {
        id: a.id,
        trackName: track.name,
        description: track.description,
        fiscalYearLabel: fiscalYearLabel(a.fiscalYear),
        dueDate: a.dueDate,
        daysToDue: daysToDue(a.dueDate, today),
        status: assignmentStatus(a, today),
        completedOn: a.completedAt ? japanDate(a.completedAt) : null,
        progress,
        next,
        nextModuleTitle: next.kind === "read" ? (modules.get(next.moduleSlug)?.title ?? null) : null,
        hasOpenAttempt: withOpenAttempt.has(a.id),
      },
    ];
  });
  // Completed tracks go last; the rest stay in due-date order.
  return [...view.filter((a) => a.status !== "completed"), ...view.filter((a) => a.status === "completed")];
}

/** One of the person's own assignments with everything its page shows, or null. */
export async function getLearnerAssignment(staffId: number, assignmentId: number) {
  const assignment = await db.assignment.findFirst({
    where: { id: assignmentId, staffId },
    include: {
      ...progressInclude,
      attempts: {
        where: { submittedAt: { not: null } },
        orderBy: { id: "asc" },
        select: { id: true, submittedAt: true, correct: true, total: true, percent: true, passed: true },
      },
    },
  });
  if (!assignment) return null;
  const definition = await getTrack(assignment.trackId);
  if (!definition) return null;
  const track = trackFor(definition, assignment);
  const passed = assignment.attempts.filter((a) => a.passed);
  const progress = progressOf(track, { ...assignment, attempts: passed });
  return {
    assignment,
    track,
    modules: await moduleSummaries(track.modules),
    progress,
    next: nextStep(progress),
  };
}

/** Records 読了 of a module of the assignment's track; false if it is not one. */
export async function markModuleRead(staffId: number, assignmentId: number, moduleSlug: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const assignment = await tx.assignment.findFirst({ where: { id: assignmentId, staffId } });
    const definition = assignment && (await getTrack(assignment.trackId, tx));
    const track = definition && trackFor(definition, assignment);
    if (!assignment || !track?.modules.includes(moduleSlug)) return false;
    const release = await currentRelease(tx);
    await tx.moduleReading.upsert({
      where: { assignmentId_moduleSlug: { assignmentId, moduleSlug } },
      create: { assignmentId, moduleSlug, releaseId: release.id },
      update: {},
    });
    await markStarted(tx, assignmentId);
    await completeIfDone(tx, assignmentId);
    return true;
  });
}

/** Sets when the person first started the assignment. */
export async function markStarted(tx: Tx, assignmentId: number): Promise<void> {
  await tx.assignment.updateMany({ where: { id: assignmentId, startedAt: null }, data: { startedAt: new Date() } });
}

/**
 * Marks the assignment 修了 once every required step is done, recording the
 * release and issuing the certificate's verification code. Runs in the
 * transaction of the step that may have finished it.
 */
export async function completeIfDone(tx: Tx, assignmentId: number): Promise<void> {
  const assignment = await tx.assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: progressInclude });
  if (assignment.completedAt) return;
  const definition = await getTrack(assignment.trackId, tx);
  if (!definition || nextStep(progressOf(trackFor(definition, assignment), assignment)).kind !== "done") return;
  const release = await currentRelease(tx);
  await tx.assignment.update({
    where: { id: assignmentId },
    data: { completedAt: new Date(), completedReleaseId: release.id, certificateCode: certificateCode() },
  });
}

// Ten characters without look-alikes, grouped for reading aloud: 7KQ2-M9XH-4P.
function certificateCode(): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Every assignment of a person with its track's name, for HR's view of them. */
export async function listStaffAssignments(staffId: number) {
  const [assignments, tracks] = await Promise.all([
    db.assignment.findMany({ where: { staffId }, orderBy: [{ fiscalYear: "desc" }, { dueDate: "asc" }] }),
    listTracks(),
  ]);
  const names = new Map(tracks.map((tr) => [tr.id, tr.name]));
  return assignments.map((a) => ({ ...a, trackName: names.get(a.trackId) ?? a.trackId }));
}
