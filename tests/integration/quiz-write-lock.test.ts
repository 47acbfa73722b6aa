import Database from "better-sqlite3";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { sqliteFilePath } from "~/lib/database-url.ts";
import { db, prismaTransactionOpen } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { submitAttempt } from "~/services/quiz.server.ts";
import { createStaff, openQuizAttempt } from "./factories.ts";

/**
 * On SQLite a quiz submission writes on a connection of its own, beside
 * Prisma's (app/lib/sql-write.server.ts, decision 008). Two writers in one
 * process must neither deadlock — a synchronous write waiting for a lock
 * that a Prisma transaction parked on the same event loop holds — nor break
 * each other, nor lose a submission.
 */

/** A learner with every module read and a quiz attempt open; and the answers that pass it. */
async function openAttempt() {
  const person = await createStaff();
  const { assignment, attempt, draw } = await openQuizAttempt(person.id, "annual-refresher", "FY2026");
  const responses = Object.fromEntries(draw.map((q) => [q.questionId, q.answer]));
  return {
    submit: () => submitAttempt(person.id, assignment.id, attempt.id, responses),
    stored: async () => ({
      attempt: await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } }),
      answers: await db.attemptAnswer.count({ where: { attemptId: attempt.id } }),
      assignment: await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } }),
      questions: draw.length,
    }),
  };
}

async function expectStoredAndPassed(quiz: Awaited<ReturnType<typeof openAttempt>>) {
  const { attempt, answers, assignment, questions } = await quiz.stored();
  expect(attempt.submittedAt).not.toBeNull();
  expect(attempt.passed).toBe(true);
  expect(answers).toBe(questions);
  // The annual refresher asks for no pledge: passing completes it, in the same transaction.
  expect(assignment.completedAt).not.toBeNull();
}

describe("quiz submissions beside Prisma's transactions (SQLite)", () => {
  it("waits for a Prisma transaction holding the write lock, then is stored", async () => {
    const quiz = await openAttempt();
    const order: string[] = [];
    const holder = await createStaff();
    const prismaTransaction = db.$transaction(async (tx) => {
      await tx.staff.update({ where: { id: holder.id }, data: { name: "書き込み中" } }); // takes the write lock
      await sleep(300); // parked on the event loop, lock held
      order.push("prisma committed");
    });
    await sleep(50);
    expect(prismaTransactionOpen()).toBe(true);
    const started = Date.now();
    const submitted = quiz.submit().then((result) => {
      order.push("quiz submitted");
      return result;
    });
    const [, result] = await Promise.all([prismaTransaction, submitted]);
    expect(result.ok).toBe(true);
    expect(order).toEqual(["prisma committed", "quiz submitted"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await expectStoredAndPassed(quiz);
    expect((await db.staff.findUniqueOrThrow({ where: { id: holder.id } })).name).toBe("書き込み中");
  });

  it("does not commit under a Prisma transaction that read first and writes later", async () => {
    // Were the submission committed while this transaction waits, its write would find its snapshot
    // stale and fail at once with SQLITE_BUSY_SNAPSHOT.
    const quiz = await openAttempt();
    const holder = await createStaff();
    const prismaTransaction = db.$transaction(async (tx) => {
      const before = await tx.quizAttempt.count({ where: { submittedAt: { not: null } } });
      await sleep(300);
      await tx.staff.update({ where: { id: holder.id }, data: { name: `読んでから書く ${before}` } });
    });
    await sleep(50);
    const [prismaOutcome, result] = await Promise.allSettled([prismaTransaction, quiz.submit()]);
    expect(prismaOutcome.status).toBe("fulfilled");
    expect(result.status === "fulfilled" && result.value.ok).toBe(true);
    await expectStoredAndPassed(quiz);
    expect((await db.staff.findUniqueOrThrow({ where: { id: holder.id } })).name).toMatch(/^読んでから書く \d+$/);
  });

  it("waits for another process's write without holding up the event loop, then is stored", async () => {
    const quiz = await openAttempt();
    const other = new Database(sqliteFilePath(env.DATABASE_URL));
    try {
      other.prepare("BEGIN IMMEDIATE").run();
      // Committed by a timer: it can only fire if the submission waits without blocking the thread.
      const released = sleep(300).then(() => other.prepare("COMMIT").run());
      const result = await quiz.submit();
      await released;
      expect(result.ok).toBe(true);
      expect(other.inTransaction).toBe(false);
      await expectStoredAndPassed(quiz);
    } finally {
      if (other.inTransaction) other.prepare("ROLLBACK").run();
      other.close();
    }
  });

  it("stores every one of many submissions made at once beside Prisma's writes", async () => {
    const quizzes = await Promise.all(Array.from({ length: 12 }, () => openAttempt()));
    const holder = await createStaff();
    const results = await Promise.all([
      ...quizzes.map((quiz) => quiz.submit()),
      ...Array.from({ length: 6 }, (_, i) =>
        db.$transaction(async (tx) => {
          await tx.staff.update({ where: { id: holder.id }, data: { name: `並行 ${i}` } });
          await sleep(20);
          return { ok: true };
        }),
      ),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    for (const quiz of quizzes) await expectStoredAndPassed(quiz);
  });
});
