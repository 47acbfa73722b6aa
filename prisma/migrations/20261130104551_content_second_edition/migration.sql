-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "duties" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Clause" ADD COLUMN "editorial" BOOLEAN NOT NULL DEFAULT false;

-- RedefineTables (SQLite cannot drop NOT NULL in place)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ContentRelease" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "policyRevised" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ContentRelease" ("createdAt", "hash", "id", "policyRevised") SELECT "createdAt", "hash", "id", "policyRevised" FROM "ContentRelease";
DROP TABLE "ContentRelease";
ALTER TABLE "new_ContentRelease" RENAME TO "ContentRelease";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The first edition shipped 2026-11-25, the day the policy text was taken in,
-- as its 改定日. The policy carries no date, so releases made from it have none.
UPDATE "ContentRelease" SET "policyRevised" = NULL WHERE "policyRevised" = '2026-11-25';
