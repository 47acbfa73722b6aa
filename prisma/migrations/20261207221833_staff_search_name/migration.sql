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
    "duties" TEXT NOT NULL DEFAULT '',
    "startDate" TEXT NOT NULL,
    "appointmentStart" TEXT,
    "appointmentEnd" TEXT,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "authSource" TEXT NOT NULL DEFAULT 'LOCAL',
    "searchName" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Staff_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Staff_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Staff_employeeTypeCode_fkey" FOREIGN KEY ("employeeTypeCode") REFERENCES "EmployeeType" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Staff" ("active", "appointmentEnd", "appointmentStart", "authSource", "createdAt", "duties", "email", "employeeNumber", "employeeTypeCode", "failedLogins", "id", "lockedUntil", "name", "nameKana", "organisationId", "role", "sectionId", "sessionVersion", "startDate", "updatedAt") SELECT "active", "appointmentEnd", "appointmentStart", "authSource", "createdAt", "duties", "email", "employeeNumber", "employeeTypeCode", "failedLogins", "id", "lockedUntil", "name", "nameKana", "organisationId", "role", "sectionId", "sessionVersion", "startDate", "updatedAt" FROM "Staff";
DROP TABLE "Staff";
ALTER TABLE "new_Staff" RENAME TO "Staff";
CREATE UNIQUE INDEX "Staff_employeeNumber_key" ON "Staff"("employeeNumber");
CREATE INDEX "Staff_organisationId_sectionId_idx" ON "Staff"("organisationId", "sectionId");
CREATE INDEX "Staff_employeeTypeCode_idx" ON "Staff"("employeeTypeCode");
CREATE INDEX "Staff_organisationId_role_sectionId_employeeNumber_idx" ON "Staff"("organisationId", "role", "sectionId", "employeeNumber");
CREATE INDEX "Staff_organisationId_role_employeeNumber_idx" ON "Staff"("organisationId", "role", "employeeNumber");
CREATE INDEX "Staff_searchName_idx" ON "Staff"("searchName");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

