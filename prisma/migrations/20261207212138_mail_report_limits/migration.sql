-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MailReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "reporterId" INTEGER,
    "reporterEmail" TEXT,
    "envelopeFrom" TEXT,
    "sender" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "messageId" TEXT,
    "rawSize" INTEGER NOT NULL DEFAULT 0,
    "raw" TEXT,
    "rawBytes" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaignId" INTEGER,
    "drillMessageId" INTEGER,
    "groupKey" TEXT NOT NULL,
    "triage" TEXT NOT NULL DEFAULT 'open',
    "notes" TEXT NOT NULL DEFAULT '',
    "handlerId" INTEGER,
    "handledAt" DATETIME,
    CONSTRAINT "MailReport_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "DrillCampaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MailReport_drillMessageId_fkey" FOREIGN KEY ("drillMessageId") REFERENCES "DrillMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_MailReport" ("campaignId", "drillMessageId", "groupKey", "handledAt", "handlerId", "id", "kind", "messageId", "notes", "raw", "rawSize", "receivedAt", "reporterEmail", "reporterId", "sender", "subject", "triage", "via") SELECT "campaignId", "drillMessageId", "groupKey", "handledAt", "handlerId", "id", "kind", "messageId", "notes", "raw", "rawSize", "receivedAt", "reporterEmail", "reporterId", "sender", "subject", "triage", "via" FROM "MailReport";
DROP TABLE "MailReport";
ALTER TABLE "new_MailReport" RENAME TO "MailReport";
CREATE INDEX "MailReport_kind_triage_groupKey_idx" ON "MailReport"("kind", "triage", "groupKey");
CREATE INDEX "MailReport_reporterId_idx" ON "MailReport"("reporterId");
CREATE INDEX "MailReport_drillMessageId_idx" ON "MailReport"("drillMessageId");
CREATE INDEX "MailReport_envelopeFrom_receivedAt_idx" ON "MailReport"("envelopeFrom", "receivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Raw mail kept before this migration counts against the storage quota too.
UPDATE "MailReport" SET "rawBytes" = length(CAST("raw" AS BLOB)) WHERE "raw" IS NOT NULL;
