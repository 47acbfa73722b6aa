-- CreateTable
CREATE TABLE "Assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "trackId" TEXT NOT NULL,
    "cycleKey" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "completedReleaseId" INTEGER,
    "certificateCode" TEXT,
    CONSTRAINT "Assignment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModuleReading" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModuleReading_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "draw" JSONB NOT NULL,
    "responses" JSONB NOT NULL,
    "passPercent" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "openFor" INTEGER,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "correct" INTEGER,
    "percent" INTEGER,
    "passed" BOOLEAN,
    CONSTRAINT "QuizAttempt_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attemptId" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "chosen" JSONB NOT NULL,
    CONSTRAINT "AttemptAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pledge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Pledge_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_certificateCode_key" ON "Assignment"("certificateCode");

-- CreateIndex
CREATE INDEX "Assignment_fiscalYear_trackId_idx" ON "Assignment"("fiscalYear", "trackId");

-- CreateIndex
CREATE INDEX "Assignment_dueDate_idx" ON "Assignment"("dueDate");

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
CREATE INDEX "AttemptAnswer_questionId_idx" ON "AttemptAnswer"("questionId");

-- CreateIndex
CREATE INDEX "AttemptAnswer_clauseId_idx" ON "AttemptAnswer"("clauseId");

-- CreateIndex
CREATE UNIQUE INDEX "AttemptAnswer_attemptId_questionId_key" ON "AttemptAnswer"("attemptId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_assignmentId_key" ON "Pledge"("assignmentId");

-- CreateIndex
CREATE INDEX "Pledge_staffId_idx" ON "Pledge"("staffId");

