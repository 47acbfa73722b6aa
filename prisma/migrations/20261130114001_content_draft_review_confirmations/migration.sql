-- AlterTable
ALTER TABLE "ContentDraft" ADD COLUMN "confirmed" JSONB;

