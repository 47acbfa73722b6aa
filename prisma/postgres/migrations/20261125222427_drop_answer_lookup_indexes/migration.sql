-- DropIndex
DROP INDEX "QuizAttempt_assignmentId_idx";

-- DropIndex
DROP INDEX "AttemptAnswer_questionId_idx";

-- DropIndex
DROP INDEX "AttemptAnswer_clauseId_idx";

