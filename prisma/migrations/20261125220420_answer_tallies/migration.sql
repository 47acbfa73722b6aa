-- CreateTable
CREATE TABLE "AnswerTally" (
    "fiscalYear" INTEGER NOT NULL,
    "trackId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "employeeTypeCode" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "correct" INTEGER NOT NULL,

    PRIMARY KEY ("fiscalYear", "trackId", "organisationId", "employeeTypeCode", "questionId", "clauseId")
);


-- Count the answers already submitted (app/services/answer-tallies.server.ts keeps them in step from here on).
INSERT INTO "AnswerTally" ("fiscalYear", "trackId", "organisationId", "employeeTypeCode", "questionId", "clauseId", "answered", "correct")
SELECT "Assignment"."fiscalYear", "Assignment"."trackId", "Staff"."organisationId", "Staff"."employeeTypeCode",
  "AttemptAnswer"."questionId", "AttemptAnswer"."clauseId",
  COUNT(*), SUM(CASE WHEN "AttemptAnswer"."correct" = TRUE THEN 1 ELSE 0 END)
FROM "AttemptAnswer"
JOIN "QuizAttempt" ON "QuizAttempt"."id" = "AttemptAnswer"."attemptId"
JOIN "Assignment" ON "Assignment"."id" = "QuizAttempt"."assignmentId"
JOIN "Staff" ON "Staff"."id" = "Assignment"."staffId"
WHERE "QuizAttempt"."submittedAt" IS NOT NULL AND "Staff"."active" = TRUE
GROUP BY "Assignment"."fiscalYear", "Assignment"."trackId", "Staff"."organisationId", "Staff"."employeeTypeCode",
  "AttemptAnswer"."questionId", "AttemptAnswer"."clauseId";
