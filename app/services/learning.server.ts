import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { sqlBoolean, sqlCommaList, sqlInstant, sqlJson } from "~/lib/sql-dialect.server.ts";
import { reads, sqlDate } from "~/lib/sql-read.server.ts";
import { changesOf, rowsOf, type SqlWork } from "~/lib/sql-write.server.ts";
import { assignmentStatus, daysToDue } from "~/domain/assignment-status.ts";
import type { Track } from "~/domain/content/types.ts";
import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { japanDate } from "~/domain/japan-time.ts";
import { nextStep, trackProgress, type TrackProgress } from "~/domain/track-progress.ts";
import { parse } from "yaml";
import { currentRelease, getTrack, listTracks, moduleSummaries, moduleSummariesBySlug } from "./catalogue.server.ts";
import { releaseFiles } from "./content.server.ts";

type Tx = Prisma.TransactionClient;

/** An assignment with what its progress is made of. */
type AssignmentProgress = {
  id: number;
  trackId: string;
  fiscalYear: number;
  dueDate: string;
  startedAt: Date | null;
  completedAt: Date | null;
  completedReleaseId: number | null;
  moduleSlugs: unknown;
  readSlugs: Set<string>;
  quizPassed: boolean;
  pledge: { id: number; signedAt: Date } | null;
  hasOpenAttempt: boolean;
};

type AssignmentProgressRow = {
  id: number;
  trackId: string;
  fiscalYear: number;
  dueDate: string;
  startedAt: unknown;
  completedAt: unknown;
  completedReleaseId: number | null;
  moduleSlugs: unknown;
  readSlugs: string | null;
  quizPassed: unknown;
  pledgeId: number | null;
  pledgeSignedAt: unknown;
  hasOpenAttempt: unknown;
};

/**
 * Assignments matching `where` (on "Assignment") with their 読了 modules,
 * whether a quiz attempt passed, the pledge and whether an attempt is open:
 * one statement, however many assignments. Every learner page and every
 * step that may complete an assignment reads this, so it is plain SQL;
 * Prisma would spend a statement on each relation.
 */
function assignmentProgressSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT "Assignment"."id", "Assignment"."trackId", "Assignment"."fiscalYear", "Assignment"."dueDate",
      "Assignment"."startedAt", "Assignment"."completedAt", "Assignment"."completedReleaseId", "Assignment"."moduleSlugs",
      -- Module slugs are lower-case letters, digits and hyphens (checked on sync): never a comma.
      (SELECT ${sqlCommaList(Prisma.sql`"ModuleReading"."moduleSlug"`)} FROM "ModuleReading"
        WHERE "ModuleReading"."assignmentId" = "Assignment"."id") AS "readSlugs",
      EXISTS (SELECT 1 FROM "QuizAttempt" WHERE "QuizAttempt"."assignmentId" = "Assignment"."id" AND "QuizAttempt"."passed" = TRUE) AS "quizPassed",
      EXISTS (SELECT 1 FROM "QuizAttempt" WHERE "QuizAttempt"."openFor" = "Assignment"."id") AS "hasOpenAttempt",
      "Pledge"."id" AS "pledgeId", "Pledge"."signedAt" AS "pledgeSignedAt"
    FROM "Assignment"
    LEFT JOIN "Pledge" ON "Pledge"."assignmentId" = "Assignment"."id"
    WHERE ${where}
    ORDER BY "Assignment"."dueDate", "Assignment"."id"`;
}

function toAssignmentProgress(row: AssignmentProgressRow): AssignmentProgress {
  return {
    id: Number(row.id),
    trackId: row.trackId,
    fiscalYear: Number(row.fiscalYear),
    dueDate: row.dueDate,
    startedAt: sqlDate(row.startedAt),
    completedAt: sqlDate(row.completedAt),
    completedReleaseId: row.completedReleaseId === null ? null : Number(row.completedReleaseId),
    moduleSlugs: sqlJson(row.moduleSlugs),
    readSlugs: new Set(row.readSlugs ? row.readSlugs.split(",") : []),
    quizPassed: sqlBoolean(row.quizPassed),
    pledge: row.pledgeId === null ? null : { id: Number(row.pledgeId), signedAt: sqlDate(row.pledgeSignedAt)! },
    hasOpenAttempt: sqlBoolean(row.hasOpenAttempt),
  };
}

async function readAssignmentProgress(client: Tx, where: Prisma.Sql): Promise<AssignmentProgress[]> {
  const query = assignmentProgressSql(where);
  // Outside a transaction (the pages), on the read connection; inside one, on the transaction, which sees its own writes.
  const rows =
    client === db
      ? await reads.rows<AssignmentProgressRow>(query)
      : await client.$queryRaw<AssignmentProgressRow[]>(query);
  return rows.map(toAssignmentProgress);
}

/**
 * The track as this assignment takes it: a delta retraining assignment
 * covers only its own modules, with two questions per module at most.
 */
export function trackFor(track: Track, assignment: { moduleSlugs: unknown }): Track {
  if (!Array.isArray(assignment.moduleSlugs)) return track;
  const modules = assignment.moduleSlugs.map(String);
  return { ...track, modules, quiz: { ...track.quiz, questions: Math.min(track.quiz.questions, modules.length * 2) } };
}

function progressOf(track: Track, assignment: AssignmentProgress, completedModules?: readonly string[]): TrackProgress {
  return trackProgress(track, {
    readSlugs: assignment.readSlugs,
    quizPassed: assignment.quizPassed,
    pledgeSigned: assignment.pledge !== null,
    completedModules,
  });
}

// A release's files never change: each release's tracks are read once per process.
const trackModulesByRelease = new Map<number, Promise<ReadonlyMap<string, string[]> | null>>();

/** Each track's modules in a release, from the files it kept; null for a release that kept none. */
function trackModulesIn(releaseId: number): Promise<ReadonlyMap<string, string[]> | null> {
  let known = trackModulesByRelease.get(releaseId);
  if (!known) {
    known = releaseFiles(releaseId).then((files) => {
      const text = files?.find((f) => f.path === "tracks.yaml")?.text;
      if (!text) return null;
      const tracks = (parse(text) as { tracks?: { id?: unknown; modules?: unknown }[] } | null)?.tracks ?? [];
      return new Map(tracks.map((t) => [String(t.id), Array.isArray(t.modules) ? t.modules.map(String) : []]));
    });
    trackModulesByRelease.set(releaseId, known);
  }
  return known;
}

/**
 * The modules of a completed assignment as they were when it was completed
 * (undefined while it is not): a release that later adds a module to the
 * track must not show 修了 beside "17 / 18" and a next module to read.
 */
async function modulesAtCompletion(track: Track, assignment: AssignmentProgress): Promise<string[] | undefined> {
  if (!assignment.completedAt) return undefined;
  if (Array.isArray(assignment.moduleSlugs)) return track.modules;
  const then =
    assignment.completedReleaseId === null
      ? null
      : (await trackModulesIn(assignment.completedReleaseId))?.get(assignment.trackId);
  // A release from before releases kept their files: what was read is what was required.
  return (
    then ?? (track.reading === "required" ? track.modules.filter((m) => assignment.readSlugs.has(m)) : track.modules)
  );
}

/**
 * "わたしの研修": a person's assignments with status on `today`, due date,
 * progress and next step; open work first, soonest due first.
 */
export async function listMyAssignments(staffId: number, today: string) {
  const [assignments, tracks, modules] = await Promise.all([
    readAssignmentProgress(db, Prisma.sql`"Assignment"."staffId" = ${staffId}`),
    listTracks(),
    moduleSummariesBySlug(),
  ]);
  const trackById = new Map(tracks.map((t) => [t.id, t]));
  const view = (
    await Promise.all(
      assignments.map(async (a) => {
        const definition = trackById.get(a.trackId);
        if (!definition) return [];
        const track = trackFor(definition, a);
        return [{ a, track, progress: progressOf(track, a, await modulesAtCompletion(track, a)) }];
      }),
    )
  ).flatMap((found) =>
    found.map(({ a, track, progress }) => {
      const next = nextStep(progress);
      return {
        id: a.id,
        trackName: track.name,
        description: track.description,
        fiscalYearLabel: fiscalYearLabel(a.fiscalYear),
        dueDate: a.dueDate,
        daysToDue: daysToDue(a.dueDate, today),
        status: assignmentStatus(a, today),
        completedOn: a.completedAt ? japanDate(a.completedAt) : null,
        completedRelease: a.completedAt ? a.completedReleaseId : null,
        progress,
        next,
        nextModuleTitle: next.kind === "read" ? (modules.get(next.moduleSlug)?.title ?? null) : null,
        hasOpenAttempt: a.hasOpenAttempt,
      };
    }),
  );
  // Completed tracks go last; the rest stay in due-date order.
  return [...view.filter((a) => a.status !== "completed"), ...view.filter((a) => a.status === "completed")];
}

/** One of the person's own assignments with its track, modules and progress, or null. */
export async function getLearnerAssignment(staffId: number, assignmentId: number) {
  const [assignment] = await readAssignmentProgress(
    db,
    Prisma.sql`"Assignment"."id" = ${assignmentId} AND "Assignment"."staffId" = ${staffId}`,
  );
  if (!assignment) return null;
  const definition = await getTrack(assignment.trackId);
  if (!definition) return null;
  const track = trackFor(definition, assignment);
  const progress = progressOf(track, assignment, await modulesAtCompletion(track, assignment));
  return {
    assignment,
    track,
    modules: await moduleSummaries(progress.modules.map((m) => m.slug)),
    progress,
    next: nextStep(progress),
  };
}

/**
 * The person's submitted attempts at an assignment, oldest first: only the
 * track page lists them, so the module, quiz and pledge pages do without.
 */
export function listSubmittedAttempts(staffId: number, assignmentId: number) {
  return db.quizAttempt.findMany({
    where: { assignmentId, staffId, submittedAt: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, submittedAt: true, correct: true, total: true, percent: true, passed: true },
  });
}

/** Records 読了 of a module of the assignment's track (again: the time moves); false if it is not one. */
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
      // Marking it read again moves readAt: a retake waits for the missed modules to be read after the failure.
      update: { readAt: new Date() },
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

/** True when every required step is done and the assignment is not yet marked 修了. */
function finishedNow(definition: Track, assignment: AssignmentProgress): boolean {
  return !assignment.completedAt && nextStep(progressOf(trackFor(definition, assignment), assignment)).kind === "done";
}

function completionSql(assignmentId: number, releaseId: number): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Assignment" SET "completedAt" = ${sqlInstant(new Date())}, "completedReleaseId" = ${releaseId},
      "certificateCode" = ${certificateCode()}
    WHERE "id" = ${assignmentId}`;
}

/**
 * Marks the assignment 修了 once every required step is done, recording the
 * release and issuing the certificate's verification code. Runs in the
 * transaction of the step that may have finished it.
 */
export async function completeIfDone(tx: Tx, assignmentId: number): Promise<void> {
  const [assignment] = await readAssignmentProgress(tx, Prisma.sql`"Assignment"."id" = ${assignmentId}`);
  if (!assignment) return;
  const definition = await getTrack(assignment.trackId, tx);
  if (!definition || !finishedNow(definition, assignment)) return;
  await tx.$executeRaw(completionSql(assignmentId, (await currentRelease(tx)).id));
}

/**
 * completeIfDone as statements of a write transaction (sql-write.server.ts),
 * for an assignment of `definition`'s track; the track and the release in
 * force are read before the transaction.
 */
export function* completeIfDoneSteps(assignmentId: number, definition: Track, releaseId: number): SqlWork<void> {
  const [row] = yield* rowsOf<AssignmentProgressRow>(
    assignmentProgressSql(Prisma.sql`"Assignment"."id" = ${assignmentId}`),
  );
  if (row && finishedNow(definition, toAssignmentProgress(row)))
    yield* changesOf(completionSql(assignmentId, releaseId));
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
