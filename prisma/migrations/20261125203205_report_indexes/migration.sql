-- CreateIndex
CREATE INDEX "Staff_organisationId_role_idx" ON "Staff"("organisationId", "role");

-- CreateIndex
CREATE INDEX "QuizAttempt_assignmentId_submittedAt_openFor_idx" ON "QuizAttempt"("assignmentId", "submittedAt", "openFor");

-- CreateIndex
CREATE INDEX "AttemptAnswer_attemptId_questionId_clauseId_correct_idx" ON "AttemptAnswer"("attemptId", "questionId", "clauseId", "correct");

