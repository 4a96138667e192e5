-- CreateEnum
CREATE TYPE "RetentionEvent" AS ENUM ('COLLECTED', 'EVENT_DATE');

-- CreateEnum
CREATE TYPE "MinimisationDecision" AS ENUM ('KEEP', 'DELETE');

-- AlterTable
ALTER TABLE "PrivacyAssessment" ADD COLUMN     "evidenceId" TEXT;

-- AlterTable
ALTER TABLE "PrivacyTask" ADD COLUMN     "retentionRuleId" TEXT;

-- AlterTable
ALTER TABLE "SubjectRequest" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'STAFF';

-- CreateTable
CREATE TABLE "PrivacySettings" (
    "orgId" TEXT NOT NULL,
    "publicFormEnabled" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacySettings_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "RetentionRule" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "datasetId" TEXT,
    "category" TEXT,
    "periodDays" INTEGER NOT NULL,
    "event" "RetentionEvent" NOT NULL DEFAULT 'COLLECTED',
    "eventName" TEXT NOT NULL DEFAULT '',
    "eventAt" TIMESTAMP(3),
    "keepBasis" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetentionRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinimisationReview" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinimisationReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinimisationItem" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "reasons" TEXT[],
    "decision" "MinimisationDecision",
    "note" TEXT NOT NULL DEFAULT '',
    "evidence" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "MinimisationItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRule_orgId_datasetId_key" ON "RetentionRule"("orgId", "datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRule_orgId_category_key" ON "RetentionRule"("orgId", "category");

-- CreateIndex
CREATE INDEX "MinimisationReview_orgId_quarter_idx" ON "MinimisationReview"("orgId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "MinimisationReview_orgId_ownerId_quarter_key" ON "MinimisationReview"("orgId", "ownerId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "MinimisationItem_reviewId_datasetId_key" ON "MinimisationItem"("reviewId", "datasetId");

-- AddForeignKey
ALTER TABLE "MinimisationItem" ADD CONSTRAINT "MinimisationItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "MinimisationReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
