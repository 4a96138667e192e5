-- CreateEnum
CREATE TYPE "MappingRelationship" AS ENUM ('EQUIVALENT', 'SUBSET', 'SUPERSET', 'RELATED');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('CONFIRMED', 'CHANGES_NEEDED', 'NOT_APPLICABLE');

-- AlterTable
ALTER TABLE "Control" ADD COLUMN     "status" "ComplianceStatus" NOT NULL DEFAULT 'NOT_ASSESSED';

-- AlterTable
ALTER TABLE "Framework" ADD COLUMN     "description" TEXT;

-- AlterTable
ALTER TABLE "MatrixCell" ADD COLUMN     "evidenceUrl" TEXT,
ADD COLUMN     "justification" TEXT;

-- AlterTable
ALTER TABLE "Requirement" ADD COLUMN     "customised" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "lastReviewedAt" TIMESTAMP(3),
ADD COLUMN     "libraryVersion" INTEGER,
ADD COLUMN     "nextReviewDue" TIMESTAMP(3),
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewCadenceDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "statusFromControls" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SystemFramework" (
    "systemId" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "SystemFramework_pkey" PRIMARY KEY ("systemId","frameworkId")
);

-- CreateTable
CREATE TABLE "ControlMapping" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "relationship" "MappingRelationship" NOT NULL,
    "rationale" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControlMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrosswalkMapping" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "fromRequirementId" TEXT NOT NULL,
    "toRequirementId" TEXT NOT NULL,
    "relationship" "MappingRelationship" NOT NULL,
    "rationale" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrosswalkMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequirementReview" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "reviewerName" TEXT NOT NULL,
    "outcome" "ReviewOutcome" NOT NULL,
    "notes" TEXT,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "quarter" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequirementReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdById" TEXT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "frameworkKey" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PREVIEWED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SystemFramework_frameworkId_idx" ON "SystemFramework"("frameworkId");

-- CreateIndex
CREATE INDEX "ControlMapping_requirementId_idx" ON "ControlMapping"("requirementId");

-- CreateIndex
CREATE UNIQUE INDEX "ControlMapping_controlId_requirementId_key" ON "ControlMapping"("controlId", "requirementId");

-- CreateIndex
CREATE INDEX "CrosswalkMapping_orgId_idx" ON "CrosswalkMapping"("orgId");

-- CreateIndex
CREATE INDEX "CrosswalkMapping_toRequirementId_idx" ON "CrosswalkMapping"("toRequirementId");

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkMapping_fromRequirementId_toRequirementId_key" ON "CrosswalkMapping"("fromRequirementId", "toRequirementId");

-- CreateIndex
CREATE INDEX "RequirementReview_orgId_quarter_idx" ON "RequirementReview"("orgId", "quarter");

-- CreateIndex
CREATE INDEX "RequirementReview_requirementId_reviewedAt_idx" ON "RequirementReview"("requirementId", "reviewedAt");

-- CreateIndex
CREATE INDEX "ImportBatch_orgId_createdAt_idx" ON "ImportBatch"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "MatrixCell_orgId_status_idx" ON "MatrixCell"("orgId", "status");

-- CreateIndex
CREATE INDEX "Requirement_frameworkId_position_idx" ON "Requirement"("frameworkId", "position");

-- CreateIndex
CREATE INDEX "Requirement_orgId_nextReviewDue_idx" ON "Requirement"("orgId", "nextReviewDue");

-- AddForeignKey
ALTER TABLE "SystemFramework" ADD CONSTRAINT "SystemFramework_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemFramework" ADD CONSTRAINT "SystemFramework_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "Framework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlMapping" ADD CONSTRAINT "ControlMapping_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlMapping" ADD CONSTRAINT "ControlMapping_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkMapping" ADD CONSTRAINT "CrosswalkMapping_fromRequirementId_fkey" FOREIGN KEY ("fromRequirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkMapping" ADD CONSTRAINT "CrosswalkMapping_toRequirementId_fkey" FOREIGN KEY ("toRequirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementReview" ADD CONSTRAINT "RequirementReview_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
