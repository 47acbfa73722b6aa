-- CreateTable
CREATE TABLE "Bulletin" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "publishOn" TEXT NOT NULL,
    "mustConfirm" BOOLEAN NOT NULL DEFAULT false,
    "byMail" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bulletin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulletinReceipt" (
    "bulletinId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "BulletinReceipt_pkey" PRIMARY KEY ("bulletinId","staffId")
);

-- CreateTable
CREATE TABLE "BulletinMail" (
    "bulletinId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,

    CONSTRAINT "BulletinMail_pkey" PRIMARY KEY ("bulletinId","staffId")
);

-- CreateTable
CREATE TABLE "MonthlyQuestion" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "questionId" TEXT,
    "question" JSONB NOT NULL,
    "chosenBy" TEXT NOT NULL,
    "createdBy" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonthlyQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyAnswer" (
    "monthlyQuestionId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "choiceId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonthlyAnswer_pkey" PRIMARY KEY ("monthlyQuestionId","staffId")
);

-- CreateIndex
CREATE INDEX "Bulletin_publishOn_idx" ON "Bulletin"("publishOn");

-- CreateIndex
CREATE INDEX "BulletinReceipt_staffId_idx" ON "BulletinReceipt"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyQuestion_month_key" ON "MonthlyQuestion"("month");

-- AddForeignKey
ALTER TABLE "BulletinReceipt" ADD CONSTRAINT "BulletinReceipt_bulletinId_fkey" FOREIGN KEY ("bulletinId") REFERENCES "Bulletin"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinMail" ADD CONSTRAINT "BulletinMail_bulletinId_fkey" FOREIGN KEY ("bulletinId") REFERENCES "Bulletin"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyAnswer" ADD CONSTRAINT "MonthlyAnswer_monthlyQuestionId_fkey" FOREIGN KEY ("monthlyQuestionId") REFERENCES "MonthlyQuestion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

