import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { sqlBoolean, sqlInstant, sqlJson, sqlJsonValue } from "~/lib/sql-dialect.server.ts";
import { reads } from "~/lib/sql-read.server.ts";
import { changesOf, writeTransaction } from "~/lib/sql-write.server.ts";
import {
  drawQuestions,
  scoreAttempt,
  seededRandom,
  toQuizQuestion,
  type DrawnQuestion,
  type Responses,
} from "~/domain/quiz.ts";
import type { Track } from "~/domain/content/types.ts";
import { drawEmphasis, masteryMap } from "~/domain/mastery.ts";
import { pickWithFixedModules } from "~/domain/quiz-fixed.ts";
import { missedIn, pickRetakeQuestions, retakeGate, type Missed, type RetakeGate } from "~/domain/retake.ts";
import { quizUnlocked } from "~/domain/track-progress.ts";
import { tallySubmissionSql } from "./answer-tallies.server.ts";
import { currentRelease, getTrack, moduleSummaries, toQuestion } from "./catalogue.server.ts";
import { completeIfDoneSteps, getLearnerAssignment, markStarted } from "./learning.server.ts";
import { personAnswers } from "./mastery.server.ts";

const asDraw = (json: unknown) => json as DrawnQuestion[];
const asResponses = (json: unknown) => (json ?? {}) as Responses;

/** The banks of a track's modules, as the draw needs them. */
async function banksOf(modules: readonly string[]) {
  const rows = await db.question.findMany({
    where: { moduleSlug: { in: [...modules] }, retired: false },
    orderBy: { sortOrder: "asc" },
  });
  return modules.map((moduleSlug) => ({
    moduleSlug,
    questions: rows.filter((r) => r.moduleSlug === moduleSlug).map(toQuestion),
  }));
}

/**
 * A new attempt's questions. A yearly track's draw follows the person's
 * 習熟度 (drawQuestions' emphasis): read here, when an attempt starts, so
 * the submission stays as it was. Other tracks draw evenly.
 */
export async function drawFor(
  staffId: number,
  track: Track,
  random: () => number,
  banks?: Awaited<ReturnType<typeof banksOf>>,
): Promise<DrawnQuestion[]> {
  banks ??= await banksOf(track.modules);
  if (track.cycle !== "fiscal-year") return drawQuestions(banks, track.quiz.questions, random);
  const now = new Date();
  const clauses = [...new Set(banks.flatMap((bank) => bank.questions.map((q) => q.clause)))];
  const map = masteryMap(clauses, await personAnswers(staffId), now);
  return drawQuestions(banks, track.quiz.questions, random, drawEmphasis(map, now));
}

/**
 * The assignment's last submitted attempt if it failed: what it missed
 * (modules limited to the track's), the questions it asked, and whether
 * the next attempt may start.
 */
async function lastFailure(assignmentId: number, trackModules: readonly string[]) {
  const last = await db.quizAttempt.findFirst({
    where: { assignmentId, submittedAt: { not: null } },
    orderBy: { id: "desc" },
    include: { answers: { select: { questionId: true, correct: true } } },
  });
  if (!last || last.passed) return null;
  const draw = asDraw(last.draw);
  const correct = new Map(last.answers.map((a) => [a.questionId, a.correct]));
  const missed = missedIn(draw.map((q) => ({ ...q, correct: correct.get(q.questionId) ?? false })));
  missed.modules = missed.modules.filter((slug) => trackModules.includes(slug));
  const readings = await db.moduleReading.findMany({
    where: { assignmentId, moduleSlug: { in: missed.modules } },
    select: { moduleSlug: true, readAt: true },
  });
  const readAt = new Map(readings.map((r) => [r.moduleSlug, r.readAt]));
  const gate = retakeGate({
    failedAt: last.submittedAt!,
    missedModules: missed.modules,
    readAt,
    waitMinutes: env.QUIZ_RETAKE_WAIT_MINUTES,
    now: new Date(),
  });
  return { attemptId: last.id, draw, missed, readAt, failedAt: last.submittedAt!, gate };
}

export type RetakeState = {
  /** The failed attempt the retake follows. */
  attemptId: number;
  gate: RetakeGate;
  /** The missed modules, each marked once read again after the failure. */
  modules: { slug: string; title: string; reread: boolean }[];
};

/**
 * What a retake of the assignment still needs, or null when its last
 * attempt did not fail (or there is none). For an assignment already
 * found to be the person's (getLearnerAssignment).
 */
export async function getRetakeState(learner: {
  assignment: { id: number };
  track: { modules: readonly string[] };
}): Promise<RetakeState | null> {
  const failure = await lastFailure(learner.assignment.id, learner.track.modules);
  if (!failure) return null;
  const titles = await moduleSummaries(failure.missed.modules);
  return {
    attemptId: failure.attemptId,
    gate: failure.gate,
    modules: titles.map((m) => ({
      slug: m.slug,
      title: m.title,
      reread: failure.readAt.get(m.slug)! > failure.failedAt,
    })),
  };
}

export type MissedClause = { id: string; heading: string; modules: { slug: string; title: string }[] };

/** The clauses a submitted attempt's wrong answers cite, with the modules (of those questions) that teach them. */
export async function describeMissed(
  questions: readonly { clause: string; moduleSlug: string; correct: boolean }[],
): Promise<MissedClause[]> {
  const missed: Missed = missedIn(questions);
  const [clauses, modules] = await Promise.all([
    db.clause.findMany({ where: { id: { in: missed.clauses } }, select: { id: true, heading: true } }),
    moduleSummaries(missed.modules),
  ]);
  const heading = new Map(clauses.map((c) => [c.id, c.heading]));
  return missed.clauses.map((id) => {
    const teaching = new Set(questions.filter((q) => !q.correct && q.clause === id).map((q) => q.moduleSlug));
    return {
      id,
      heading: heading.get(id) ?? "",
      modules: modules.filter((m) => teaching.has(m.slug)).map((m) => ({ slug: m.slug, title: m.title })),
    };
  });
}

export type StartResult =
  | { ok: true; attemptId: number }
  | { ok: false; reason: "notFound" | "locked" | "completed" }
  | { ok: false; reason: "reread"; modules: string[] }
  | { ok: false; reason: "wait"; until: Date };

/**
 * Starts a quiz attempt — a new draw from the track's banks, stored with the
 * attempt — or returns the person's open attempt, so a reload, a second tab
 * or a new login resumes it. At most one attempt is open per assignment.
 * After a failed attempt the next starts only once the missed modules are
 * read again (and any QUIZ_RETAKE_WAIT_MINUTES has passed), and draws at
 * least half of its questions from the missed clauses.
 */
export async function startAttempt(staffId: number, assignmentId: number): Promise<StartResult> {
  const learner = await getLearnerAssignment(staffId, assignmentId);
  if (!learner) return { ok: false, reason: "notFound" };
  if (!quizUnlocked(learner.progress)) return { ok: false, reason: "locked" };
  const open = await db.quizAttempt.findUnique({ where: { openFor: assignmentId } });
  if (open) return { ok: true, attemptId: open.id };
  if (learner.progress.quizPassed) return { ok: false, reason: "completed" };

  const { track } = learner;
  const failure = await lastFailure(assignmentId, track.modules);
  if (failure?.gate.kind === "reread") return { ok: false, reason: "reread", modules: failure.gate.modules };
  if (failure?.gate.kind === "wait") return { ok: false, reason: "wait", until: failure.gate.until };
  const banks = await banksOf(track.modules);
  const random = seededRandom(randomUUID());
  let draw: DrawnQuestion[];
  if (failure) {
    const previous = failure.draw.map((q) => q.questionId);
    const picked = pickRetakeQuestions(banks, track.quiz.questions, failure.missed, previous, random);
    // One bank holding exactly the picked questions: the draw only shuffles them and snapshots each.
    draw = drawQuestions([{ moduleSlug: "retake", questions: picked }], picked.length, random);
  } else if (track.quiz.fixed) {
    const picked = pickWithFixedModules(banks, track.quiz.questions, track.quiz.fixed, random);
    draw = drawQuestions([{ moduleSlug: "fixed", questions: picked }], picked.length, random);
  } else {
    draw = await drawFor(staffId, track, random, banks);
  }
  const release = await currentRelease();
  try {
    const attempt = await db.$transaction(async (tx) => {
      const created = await tx.quizAttempt.create({
        data: {
          assignmentId,
          staffId,
          releaseId: release.id,
          draw,
          responses: {},
          passPercent: learner.track.quiz.passPercent,
          total: draw.length,
          openFor: assignmentId,
        },
      });
      await markStarted(tx, assignmentId);
      return created;
    });
    return { ok: true, attemptId: attempt.id };
  } catch (error) {
    // Two starts at once (a double click): the unique openFor lets one win.
    const winner = await db.quizAttempt.findUnique({ where: { openFor: assignmentId } });
    if (winner) return { ok: true, attemptId: winner.id };
    throw error;
  }
}

/** The open attempt's questions — without answers or explanations — and saved responses. */
export async function getOpenAttempt(staffId: number, assignmentId: number) {
  const attempt = await db.quizAttempt.findFirst({ where: { openFor: assignmentId, staffId } });
  if (!attempt) return null;
  return {
    attemptId: attempt.id,
    questions: asDraw(attempt.draw).map(toQuizQuestion),
    responses: asResponses(attempt.responses),
    passPercent: attempt.passPercent,
  };
}

/** Only choices that belong to the attempt's questions are kept. */
function cleanResponses(draw: readonly DrawnQuestion[], responses: Responses): Responses {
  const clean: Record<string, string[]> = {};
  for (const question of draw) {
    const ids = new Set(question.choices.map((c) => c.id));
    const chosen = [...new Set(responses[question.questionId] ?? [])].filter((id) => ids.has(id));
    if (chosen.length > 0) clean[question.questionId] = chosen;
  }
  return clean;
}

/**
 * Saves answers so far, so that the attempt can be resumed; ignored once
 * submitted. False when the person has no such attempt under `assignmentId`.
 */
export async function saveResponses(
  staffId: number,
  assignmentId: number,
  attemptId: number,
  responses: Responses,
): Promise<boolean> {
  const attempt = await db.quizAttempt.findFirst({ where: { id: attemptId, staffId, assignmentId } });
  if (!attempt) return false;
  if (attempt.submittedAt) return true;
  await db.quizAttempt.updateMany({
    where: { id: attemptId, submittedAt: null },
    data: { responses: cleanResponses(asDraw(attempt.draw), responses) },
  });
  return true;
}

export type SubmitResult = { ok: true; attemptId: number } | { ok: false };

/**
 * Scores an attempt on the server against its stored draw. Submitting again
 * (double click, back button, a retried request) changes nothing and leads
 * to the same result: only the first submission is recorded.
 *
 * Plain SQL, about five statements in one transaction: this is the write
 * a whole prefecture makes at once before a deadline. On SQLite the
 * transaction runs in one synchronous call on the write connection
 * (sql-write.server.ts): through Prisma each statement cost about a
 * millisecond of CPU on the event loop, more than SQLite spends running it.
 * The attempt is read before it, on the read connection: its draw never
 * changes, and the UPDATE below decides which submission is the first.
 */
export async function submitAttempt(
  staffId: number,
  assignmentId: number,
  attemptId: number,
  responses: Responses,
): Promise<SubmitResult> {
  // The person's own attempt under this very assignment, or nothing is
  // written. Read and scored outside the write transaction, which then
  // writes only if the attempt is still unsubmitted.
  const [attempt] = await reads.rows<{ submitted: unknown; draw: unknown; passPercent: number; trackId: string }>(
    Prisma.sql`
      SELECT "QuizAttempt"."submittedAt" IS NOT NULL AS "submitted", "QuizAttempt"."draw",
        "QuizAttempt"."passPercent", "Assignment"."trackId"
      FROM "QuizAttempt" JOIN "Assignment" ON "Assignment"."id" = "QuizAttempt"."assignmentId"
      WHERE "QuizAttempt"."id" = ${attemptId} AND "QuizAttempt"."staffId" = ${staffId}
        AND "QuizAttempt"."assignmentId" = ${assignmentId}`,
  );
  if (!attempt) return { ok: false };
  const done = { ok: true as const, attemptId };
  if (sqlBoolean(attempt.submitted)) return done;

  const draw = asDraw(sqlJson(attempt.draw));
  const answers = cleanResponses(draw, responses);
  const score = scoreAttempt(draw, answers, Number(attempt.passPercent));
  // What completion needs besides the database, read before the transaction (both kept in memory per release).
  const [definition, release] = await Promise.all([getTrack(attempt.trackId), currentRelease()]);
  return writeTransaction(function* () {
    const updated = yield* changesOf(Prisma.sql`
      UPDATE "QuizAttempt" SET "submittedAt" = ${sqlInstant(new Date())}, "responses" = ${sqlJsonValue(answers)},
        "correct" = ${score.correct}, "percent" = ${score.percent}, "passed" = ${score.passed}, "openFor" = NULL
      WHERE "id" = ${attemptId} AND "submittedAt" IS NULL`);
    if (updated === 0) return done;
    if (score.results.length > 0) {
      const rows = score.results.map(
        (result, i) =>
          Prisma.sql`(${attemptId}, ${result.questionId}, ${draw[i]!.clause}, ${result.correct}, ${sqlJsonValue(result.chosen)})`,
      );
      yield* changesOf(Prisma.sql`
        INSERT INTO "AttemptAnswer" ("attemptId", "questionId", "clauseId", "correct", "chosen") VALUES ${Prisma.join(rows)}`);
    }
    yield* changesOf(tallySubmissionSql(attemptId));
    if (score.passed && definition) yield* completeIfDoneSteps(assignmentId, definition, release.id);
    return done;
  });
}

/** A submitted attempt with every question, the answers, explanations and clauses. */
export async function getAttemptResult(staffId: number, assignmentId: number, attemptId: number) {
  const attempt = await db.quizAttempt.findFirst({
    where: { id: attemptId, assignmentId, staffId, submittedAt: { not: null } },
    include: { answers: true },
  });
  if (!attempt) return null;
  const byQuestion = new Map(attempt.answers.map((a) => [a.questionId, a]));
  return {
    id: attempt.id,
    submittedAt: attempt.submittedAt!,
    correct: attempt.correct ?? 0,
    total: attempt.total,
    percent: attempt.percent ?? 0,
    passed: attempt.passed ?? false,
    passPercent: attempt.passPercent,
    questions: asDraw(attempt.draw).map((q) => ({
      ...q,
      chosen: (byQuestion.get(q.questionId)?.chosen as string[] | undefined) ?? [],
      correct: byQuestion.get(q.questionId)?.correct ?? false,
    })),
  };
}
