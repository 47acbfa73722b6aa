-- DropIndex
DROP INDEX "Staff_organisationId_role_idx";

-- DropIndex
DROP INDEX "Assignment_fiscalYear_trackId_idx";

-- CreateIndex
CREATE INDEX "Staff_organisationId_role_sectionId_employeeNumber_idx" ON "Staff"("organisationId", "role", "sectionId", "employeeNumber");

-- CreateIndex
CREATE INDEX "Staff_organisationId_role_employeeNumber_idx" ON "Staff"("organisationId", "role", "employeeNumber");

-- CreateIndex
CREATE INDEX "Assignment_fiscalYear_trackId_staffId_dueDate_startedAt_completedAt_idx" ON "Assignment"("fiscalYear", "trackId", "staffId", "dueDate", "startedAt", "completedAt");

-- CreateIndex
CREATE INDEX "Assignment_fiscalYear_completedAt_dueDate_idx" ON "Assignment"("fiscalYear", "completedAt", "dueDate");

