-- AlterTable
-- Added, not redefined: rebuilding Staff would drop any column another
-- migration adds in between.
ALTER TABLE "Staff" ADD COLUMN "authSource" TEXT NOT NULL DEFAULT 'LOCAL';
