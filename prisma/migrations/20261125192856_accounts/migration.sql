-- CreateTable
CREATE TABLE "LoginThrottle" (
    "address" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "detail" JSONB NOT NULL,
    "address" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "StaffImportDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdBy" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fileName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "encoding" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Staff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Staff_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Staff_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Staff_employeeTypeCode_fkey" FOREIGN KEY ("employeeTypeCode") REFERENCES "EmployeeType" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Staff" ("active", "appointmentEnd", "appointmentStart", "createdAt", "employeeNumber", "employeeTypeCode", "id", "name", "nameKana", "organisationId", "role", "sectionId", "sessionVersion", "startDate", "updatedAt") SELECT "active", "appointmentEnd", "appointmentStart", "createdAt", "employeeNumber", "employeeTypeCode", "id", "name", "nameKana", "organisationId", "role", "sectionId", "sessionVersion", "startDate", "updatedAt" FROM "Staff";
DROP TABLE "Staff";
ALTER TABLE "new_Staff" RENAME TO "Staff";
CREATE UNIQUE INDEX "Staff_employeeNumber_key" ON "Staff"("employeeNumber");
CREATE INDEX "Staff_organisationId_sectionId_idx" ON "Staff"("organisationId", "sectionId");
CREATE INDEX "Staff_employeeTypeCode_idx" ON "Staff"("employeeTypeCode");
CREATE TABLE "new_Password" (
    "staffId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "mustChange" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Password_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Password" ("hash", "staffId", "updatedAt") SELECT "hash", "staffId", "updatedAt" FROM "Password";
DROP TABLE "Password";
ALTER TABLE "new_Password" RENAME TO "Password";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");


-- The audit log is append-only: refuse changes at the database itself.
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;

CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
