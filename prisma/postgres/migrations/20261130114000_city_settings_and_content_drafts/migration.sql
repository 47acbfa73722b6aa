-- CreateTable
CREATE TABLE "CitySettings" (
    "id" INTEGER NOT NULL,
    "cityName" TEXT NOT NULL,
    "policyTitle" TEXT NOT NULL,
    "organisations" JSONB NOT NULL,
    "issuerLine" TEXT NOT NULL,
    "pledgeWording" TEXT NOT NULL,
    "reportAddress" TEXT NOT NULL,
    "requireApproval" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CitySettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentSnapshot" (
    "releaseId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "files" JSONB NOT NULL,

    CONSTRAINT "ContentSnapshot_pkey" PRIMARY KEY ("releaseId")
);

-- CreateTable
CREATE TABLE "ContentDraft" (
    "id" SERIAL NOT NULL,
    "baseReleaseId" INTEGER NOT NULL,
    "files" JSONB NOT NULL,
    "authorId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedAt" TIMESTAMP(3),
    "approvedById" INTEGER,
    "publishedReleaseId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContentDraft_status_idx" ON "ContentDraft"("status");

