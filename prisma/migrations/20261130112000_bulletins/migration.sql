-- CreateTable
CREATE TABLE "Bulletin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "publishOn" TEXT NOT NULL,
    "mustConfirm" BOOLEAN NOT NULL DEFAULT false,
    "byMail" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BulletinReceipt" (
    "bulletinId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,

    PRIMARY KEY ("bulletinId", "staffId"),
    CONSTRAINT "BulletinReceipt_bulletinId_fkey" FOREIGN KEY ("bulletinId") REFERENCES "Bulletin" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulletinMail" (
    "bulletinId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,

    PRIMARY KEY ("bulletinId", "staffId"),
    CONSTRAINT "BulletinMail_bulletinId_fkey" FOREIGN KEY ("bulletinId") REFERENCES "Bulletin" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonthlyQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "month" TEXT NOT NULL,
    "questionId" TEXT,
    "question" JSONB NOT NULL,
    "chosenBy" TEXT NOT NULL,
    "createdBy" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MonthlyAnswer" (
    "monthlyQuestionId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "choiceId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("monthlyQuestionId", "staffId"),
    CONSTRAINT "MonthlyAnswer_monthlyQuestionId_fkey" FOREIGN KEY ("monthlyQuestionId") REFERENCES "MonthlyQuestion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Bulletin_publishOn_idx" ON "Bulletin"("publishOn");

-- CreateIndex
CREATE INDEX "BulletinReceipt_staffId_idx" ON "BulletinReceipt"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyQuestion_month_key" ON "MonthlyQuestion"("month");

