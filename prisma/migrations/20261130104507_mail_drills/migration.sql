-- CreateTable
CREATE TABLE "DrillCampaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "targets" JSONB NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "businessHoursOnly" BOOLEAN NOT NULL DEFAULT true,
    "followUpTrackId" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdBy" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "launchedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DrillMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "tokenHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "error" TEXT,
    "sentAt" DATETIME,
    "channel" TEXT,
    "firstFetchAt" DATETIME,
    "clickedAt" DATETIME,
    "openedAttachmentAt" DATETIME,
    "enteredAt" DATETIME,
    "reportedAt" DATETIME,
    CONSTRAINT "DrillMessage_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "DrillCampaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DrillMessage_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MailReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "reporterId" INTEGER,
    "reporterEmail" TEXT,
    "sender" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "messageId" TEXT,
    "rawSize" INTEGER NOT NULL DEFAULT 0,
    "raw" TEXT,
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

-- CreateIndex
CREATE INDEX "DrillCampaign_status_idx" ON "DrillCampaign"("status");

-- CreateIndex
CREATE UNIQUE INDEX "DrillMessage_tokenHash_key" ON "DrillMessage"("tokenHash");

-- CreateIndex
CREATE INDEX "DrillMessage_status_nextTryAt_idx" ON "DrillMessage"("status", "nextTryAt");

-- CreateIndex
CREATE INDEX "DrillMessage_staffId_idx" ON "DrillMessage"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "DrillMessage_campaignId_staffId_key" ON "DrillMessage"("campaignId", "staffId");

-- CreateIndex
CREATE INDEX "MailReport_kind_triage_groupKey_idx" ON "MailReport"("kind", "triage", "groupKey");

-- CreateIndex
CREATE INDEX "MailReport_reporterId_idx" ON "MailReport"("reporterId");

-- CreateIndex
CREATE INDEX "MailReport_drillMessageId_idx" ON "MailReport"("drillMessageId");

