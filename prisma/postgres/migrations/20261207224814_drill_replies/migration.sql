-- AlterTable
ALTER TABLE "CitySettings" ADD COLUMN     "replyDomains" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "DrillMessage" ADD COLUMN     "repliedAt" TIMESTAMP(3);

