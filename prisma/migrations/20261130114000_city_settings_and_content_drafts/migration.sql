-- CreateTable
CREATE TABLE "CitySettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cityName" TEXT NOT NULL,
    "policyTitle" TEXT NOT NULL,
    "organisations" JSONB NOT NULL,
    "issuerLine" TEXT NOT NULL,
    "pledgeWording" TEXT NOT NULL,
    "reportAddress" TEXT NOT NULL,
    "requireApproval" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ContentSnapshot" (
    "releaseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "files" JSONB NOT NULL
);

-- CreateTable
CREATE TABLE "ContentDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "baseReleaseId" INTEGER NOT NULL,
    "files" JSONB NOT NULL,
    "authorId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedAt" DATETIME,
    "approvedById" INTEGER,
    "publishedReleaseId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ContentDraft_status_idx" ON "ContentDraft"("status");

