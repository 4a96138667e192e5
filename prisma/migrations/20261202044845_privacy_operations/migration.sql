-- CreateEnum
CREATE TYPE "ProcessingRole" AS ENUM ('CONTROLLER', 'JOINT_CONTROLLER', 'PROCESSOR');

-- CreateEnum
CREATE TYPE "SubjectRequestRegime" AS ENUM ('GDPR', 'CCPA');

-- CreateEnum
CREATE TYPE "SubjectRequestType" AS ENUM ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'PORTABILITY', 'OBJECTION', 'HUMAN_INTERVENTION', 'CONTEST_DECISION', 'CCPA_KNOW', 'CCPA_DELETE', 'CCPA_CORRECT', 'CCPA_OPT_OUT_SALE', 'CCPA_OPT_OUT_ADMT');

-- CreateEnum
CREATE TYPE "SubjectRequestStatus" AS ENUM ('RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED');

-- CreateEnum
CREATE TYPE "PrivacyTaskKind" AS ENUM ('DELETION', 'HUMAN_REVIEW', 'PRIOR_CONSULTATION');

-- CreateEnum
CREATE TYPE "PrivacyTaskStatus" AS ENUM ('OPEN', 'DONE');

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('DPIA', 'FRIA');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'SIGNED_OFF', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "ProcessingActivity" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ProcessingRole" NOT NULL DEFAULT 'CONTROLLER',
    "controllerName" TEXT NOT NULL DEFAULT '',
    "contact" TEXT NOT NULL DEFAULT '',
    "purposes" JSONB NOT NULL DEFAULT '[]',
    "subjectCategories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "dataCategories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "specialCategories" BOOLEAN NOT NULL DEFAULT false,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "transfers" JSONB NOT NULL DEFAULT '[]',
    "retention" TEXT NOT NULL DEFAULT '',
    "securityMeasures" TEXT NOT NULL DEFAULT '',
    "systemIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "datasetIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessingActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectRequest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "regime" "SubjectRequestRegime" NOT NULL,
    "type" "SubjectRequestType" NOT NULL,
    "status" "SubjectRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "subjectName" TEXT NOT NULL,
    "subjectEmail" TEXT NOT NULL DEFAULT '',
    "subjectRef" TEXT NOT NULL DEFAULT '',
    "dataCategories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "location" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '',
    "systemId" TEXT,
    "handlerId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "confirmDueAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3) NOT NULL,
    "extendedAt" TIMESTAMP(3),
    "extensionReason" TEXT,
    "closedAt" TIMESTAMP(3),
    "closeReason" TEXT,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "answeredLate" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubjectRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyTask" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" "PrivacyTaskKind" NOT NULL,
    "status" "PrivacyTaskStatus" NOT NULL DEFAULT 'OPEN',
    "title" TEXT NOT NULL,
    "assigneeId" TEXT,
    "requestId" TEXT,
    "datasetId" TEXT,
    "systemId" TEXT,
    "dpiaId" TEXT,
    "decisionId" TEXT,
    "outcome" TEXT,
    "evidence" TEXT,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyAssessment" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" "AssessmentKind" NOT NULL,
    "systemId" TEXT NOT NULL,
    "lineageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "screening" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sections" JSONB NOT NULL DEFAULT '{}',
    "risks" JSONB NOT NULL DEFAULT '[]',
    "dpoAdvice" TEXT NOT NULL DEFAULT '',
    "reviewDate" TIMESTAMP(3),
    "signedOffById" TEXT,
    "signedOffAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcessingActivity_orgId_name_key" ON "ProcessingActivity"("orgId", "name");

-- CreateIndex
CREATE INDEX "SubjectRequest_orgId_status_dueAt_idx" ON "SubjectRequest"("orgId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "SubjectRequest_orgId_receivedAt_idx" ON "SubjectRequest"("orgId", "receivedAt");

-- CreateIndex
CREATE INDEX "SubjectRequest_orgId_subjectRef_idx" ON "SubjectRequest"("orgId", "subjectRef");

-- CreateIndex
CREATE UNIQUE INDEX "SubjectRequest_orgId_reference_key" ON "SubjectRequest"("orgId", "reference");

-- CreateIndex
CREATE INDEX "PrivacyTask_orgId_status_idx" ON "PrivacyTask"("orgId", "status");

-- CreateIndex
CREATE INDEX "PrivacyTask_assigneeId_status_idx" ON "PrivacyTask"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "PrivacyTask_requestId_idx" ON "PrivacyTask"("requestId");

-- CreateIndex
CREATE INDEX "PrivacyAssessment_orgId_systemId_idx" ON "PrivacyAssessment"("orgId", "systemId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyAssessment_lineageId_version_key" ON "PrivacyAssessment"("lineageId", "version");

-- AddForeignKey
ALTER TABLE "PrivacyTask" ADD CONSTRAINT "PrivacyTask_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SubjectRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
