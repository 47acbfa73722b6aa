-- CreateTable
CREATE TABLE "DrillCampaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "targets" JSONB NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "businessHoursOnly" BOOLEAN NOT NULL DEFAULT true,
    "followUpTrackId" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdBy" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "launchedAt" TIMESTAMP(3),

    CONSTRAINT "DrillCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrillMessage" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "tokenHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "error" TEXT,
    "sentAt" TIMESTAMP(3),
    "channel" TEXT,
    "firstFetchAt" TIMESTAMP(3),
    "clickedAt" TIMESTAMP(3),
    "openedAttachmentAt" TIMESTAMP(3),
    "enteredAt" TIMESTAMP(3),
    "reportedAt" TIMESTAMP(3),

    CONSTRAINT "DrillMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailReport" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "reporterId" INTEGER,
    "reporterEmail" TEXT,
    "sender" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "messageId" TEXT,
    "rawSize" INTEGER NOT NULL DEFAULT 0,
    "raw" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaignId" INTEGER,
    "drillMessageId" INTEGER,
    "groupKey" TEXT NOT NULL,
    "triage" TEXT NOT NULL DEFAULT 'open',
    "notes" TEXT NOT NULL DEFAULT '',
    "handlerId" INTEGER,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "MailReport_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "DrillMessage" ADD CONSTRAINT "DrillMessage_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "DrillCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrillMessage" ADD CONSTRAINT "DrillMessage_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailReport" ADD CONSTRAINT "MailReport_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "DrillCampaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailReport" ADD CONSTRAINT "MailReport_drillMessageId_fkey" FOREIGN KEY ("drillMessageId") REFERENCES "DrillMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

