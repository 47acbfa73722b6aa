-- AlterTable
ALTER TABLE "CitySettings" ADD COLUMN "approvalOffRequestedBy" INTEGER;

-- CreateTable
CREATE TABLE "ContentDraftEditor" (
    "draftId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,

    PRIMARY KEY ("draftId", "staffId"),
    CONSTRAINT "ContentDraftEditor_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "ContentDraft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

