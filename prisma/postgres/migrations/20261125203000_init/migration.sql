-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Section" (
    "id" SERIAL NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmployeeType" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hasAppointmentPeriod" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EmployeeType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" SERIAL NOT NULL,
    "employeeNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT NOT NULL DEFAULT '',
    "organisationId" TEXT NOT NULL,
    "sectionId" INTEGER,
    "employeeTypeCode" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'LEARNER',
    "startDate" TEXT NOT NULL,
    "appointmentStart" TEXT,
    "appointmentEnd" TEXT,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Password" (
    "staffId" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "mustChange" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Password_pkey" PRIMARY KEY ("staffId")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "address" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "detail" JSONB NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffImportDraft" (
    "id" TEXT NOT NULL,
    "createdBy" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fileName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,

    CONSTRAINT "StaffImportDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentRelease" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "policyRevised" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentChange" (
    "id" SERIAL NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "clauseIds" JSONB NOT NULL,

    CONSTRAINT "ContentChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Clause" (
    "id" TEXT NOT NULL,
    "heading" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Clause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingModule" (
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "clauseIds" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TrainingModule_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "answer" JSONB NOT NULL,
    "explanation" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Track" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Track_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "trackId" TEXT NOT NULL,
    "cycleKey" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completedReleaseId" INTEGER,
    "certificateCode" TEXT,
    "moduleSlugs" JSONB,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModuleReading" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModuleReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "draw" JSONB NOT NULL,
    "responses" JSONB NOT NULL,
    "passPercent" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "openFor" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "correct" INTEGER,
    "percent" INTEGER,
    "passed" BOOLEAN,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttemptAnswer" (
    "id" SERIAL NOT NULL,
    "attemptId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "chosen" JSONB NOT NULL,

    CONSTRAINT "AttemptAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pledge" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pledge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Section_organisationId_name_key" ON "Section"("organisationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "EmployeeType_name_key" ON "EmployeeType"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_employeeNumber_key" ON "Staff"("employeeNumber");

-- CreateIndex
CREATE INDEX "Staff_organisationId_sectionId_idx" ON "Staff"("organisationId", "sectionId");

-- CreateIndex
CREATE INDEX "Staff_employeeTypeCode_idx" ON "Staff"("employeeTypeCode");

-- CreateIndex
CREATE INDEX "Staff_organisationId_role_idx" ON "Staff"("organisationId", "role");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ContentChange_releaseId_kind_key_key" ON "ContentChange"("releaseId", "kind", "key");

-- CreateIndex
CREATE INDEX "Question_moduleSlug_retired_idx" ON "Question"("moduleSlug", "retired");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_certificateCode_key" ON "Assignment"("certificateCode");

-- CreateIndex
CREATE INDEX "Assignment_fiscalYear_trackId_idx" ON "Assignment"("fiscalYear", "trackId");

-- CreateIndex
CREATE INDEX "Assignment_dueDate_idx" ON "Assignment"("dueDate");

-- CreateIndex
CREATE INDEX "Assignment_completedReleaseId_idx" ON "Assignment"("completedReleaseId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_staffId_trackId_cycleKey_key" ON "Assignment"("staffId", "trackId", "cycleKey");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleReading_assignmentId_moduleSlug_key" ON "ModuleReading"("assignmentId", "moduleSlug");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_openFor_key" ON "QuizAttempt"("openFor");

-- CreateIndex
CREATE INDEX "QuizAttempt_assignmentId_idx" ON "QuizAttempt"("assignmentId");

-- CreateIndex
CREATE INDEX "QuizAttempt_staffId_idx" ON "QuizAttempt"("staffId");

-- CreateIndex
CREATE INDEX "QuizAttempt_assignmentId_submittedAt_openFor_idx" ON "QuizAttempt"("assignmentId", "submittedAt", "openFor");

-- CreateIndex
CREATE INDEX "AttemptAnswer_questionId_idx" ON "AttemptAnswer"("questionId");

-- CreateIndex
CREATE INDEX "AttemptAnswer_clauseId_idx" ON "AttemptAnswer"("clauseId");

-- CreateIndex
CREATE INDEX "AttemptAnswer_attemptId_questionId_clauseId_correct_idx" ON "AttemptAnswer"("attemptId", "questionId", "clauseId", "correct");

-- CreateIndex
CREATE UNIQUE INDEX "AttemptAnswer_attemptId_questionId_key" ON "AttemptAnswer"("attemptId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_assignmentId_key" ON "Pledge"("assignmentId");

-- CreateIndex
CREATE INDEX "Pledge_staffId_idx" ON "Pledge"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_staffId_day_key" ON "Reminder"("staffId", "day");

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_employeeTypeCode_fkey" FOREIGN KEY ("employeeTypeCode") REFERENCES "EmployeeType"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Password" ADD CONSTRAINT "Password_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentChange" ADD CONSTRAINT "ContentChange_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "ContentRelease"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_moduleSlug_fkey" FOREIGN KEY ("moduleSlug") REFERENCES "TrainingModule"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModuleReading" ADD CONSTRAINT "ModuleReading_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttemptAnswer" ADD CONSTRAINT "AttemptAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;




-- The audit log is append-only: updates and deletes change nothing. (Rules,
-- not a trigger: the migration runner splits on semicolons, which a
-- PL/pgSQL function body needs.)
CREATE RULE "AuditLog_no_update" AS ON UPDATE TO "AuditLog" DO INSTEAD NOTHING;

CREATE RULE "AuditLog_no_delete" AS ON DELETE TO "AuditLog" DO INSTEAD NOTHING;
