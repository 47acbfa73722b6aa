-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CitySettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cityName" TEXT NOT NULL,
    "policyTitle" TEXT NOT NULL,
    "organisations" JSONB NOT NULL,
    "issuerLine" TEXT NOT NULL,
    "pledgeWording" TEXT NOT NULL,
    "reportAddress" TEXT NOT NULL,
    "replyDomains" TEXT NOT NULL DEFAULT '',
    "reportAliases" TEXT NOT NULL DEFAULT '',
    "requireApproval" BOOLEAN NOT NULL DEFAULT true,
    "approvalOffRequestedBy" INTEGER,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CitySettings" ("approvalOffRequestedBy", "cityName", "id", "issuerLine", "organisations", "pledgeWording", "policyTitle", "replyDomains", "reportAddress", "requireApproval", "updatedAt") SELECT "approvalOffRequestedBy", "cityName", "id", "issuerLine", "organisations", "pledgeWording", "policyTitle", "replyDomains", "reportAddress", "requireApproval", "updatedAt" FROM "CitySettings";
DROP TABLE "CitySettings";
ALTER TABLE "new_CitySettings" RENAME TO "CitySettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

