-- AlterTable
ALTER TABLE "MailReport" ADD COLUMN     "envelopeFrom" TEXT,
ADD COLUMN     "rawBytes" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "MailReport_envelopeFrom_receivedAt_idx" ON "MailReport"("envelopeFrom", "receivedAt");


-- Raw mail kept before this migration counts against the storage quota too.
UPDATE "MailReport" SET "rawBytes" = octet_length("raw") WHERE "raw" IS NOT NULL;
