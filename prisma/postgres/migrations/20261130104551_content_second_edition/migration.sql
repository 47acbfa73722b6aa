-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "duties" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ContentRelease" ALTER COLUMN "policyRevised" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Clause" ADD COLUMN     "editorial" BOOLEAN NOT NULL DEFAULT false;


-- The first edition shipped 2026-11-25, the day the policy text was taken in,
-- as its 改定日. The policy carries no date, so releases made from it have none.
UPDATE "ContentRelease" SET "policyRevised" = NULL WHERE "policyRevised" = '2026-11-25';
