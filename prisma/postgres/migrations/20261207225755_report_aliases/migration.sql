-- AlterTable
ALTER TABLE "CitySettings" ADD COLUMN     "reportAliases" TEXT NOT NULL DEFAULT '';

