-- CreateTable
CREATE TABLE "ContentRelease" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "policyRevised" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ContentChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "releaseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "clauseIds" JSONB NOT NULL,
    CONSTRAINT "ContentChange_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "ContentRelease" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Clause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "heading" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "TrainingModule" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "clauseIds" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleSlug" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "answer" JSONB NOT NULL,
    "explanation" TEXT NOT NULL,
    "clauseId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Question_moduleSlug_fkey" FOREIGN KEY ("moduleSlug") REFERENCES "TrainingModule" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Track" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false
);

-- CreateIndex
CREATE UNIQUE INDEX "ContentChange_releaseId_kind_key_key" ON "ContentChange"("releaseId", "kind", "key");

-- CreateIndex
CREATE INDEX "Question_moduleSlug_retired_idx" ON "Question"("moduleSlug", "retired");

