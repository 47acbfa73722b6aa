-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "authSource" TEXT NOT NULL DEFAULT 'LOCAL';

