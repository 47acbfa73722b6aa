-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN "moduleSlugs" JSONB;

-- CreateTable
CREATE TABLE "Reminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_staffId_day_key" ON "Reminder"("staffId", "day");

-- CreateIndex
CREATE INDEX "Assignment_completedReleaseId_idx" ON "Assignment"("completedReleaseId");

