-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "searchName" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Staff_searchName_idx" ON "Staff"("searchName");

