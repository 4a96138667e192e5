-- CreateEnum
CREATE TYPE "AuditKind" AS ENUM ('INTERNAL', 'EXTERNAL', 'CERTIFICATION');

-- CreateEnum
CREATE TYPE "AuditStandard" AS ENUM ('SOC2_TYPE2', 'ISO_27001', 'ISO_42001', 'HIPAA', 'EU_AI_ACT', 'OTHER');

-- CreateEnum
CREATE TYPE "AuditStatus" AS ENUM ('PLANNED', 'FIELDWORK', 'REPORTING', 'CLOSED');

-- CreateEnum
CREATE TYPE "FindingSource" AS ENUM ('AUDIT', 'INCIDENT', 'SELF_IDENTIFIED');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('FILE', 'LINK');

-- CreateEnum
CREATE TYPE "EvidenceRequestStatus" AS ENUM ('OPEN', 'SUBMITTED', 'ACCEPTED', 'REJECTED');

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "auditId" TEXT,
ADD COLUMN     "readyAt" TIMESTAMP(3),
ADD COLUMN     "remediationPlan" TEXT,
ADD COLUMN     "remediationStartedAt" TIMESTAMP(3),
ADD COLUMN     "riskApproverId" TEXT,
ADD COLUMN     "riskExpiresAt" TIMESTAMP(3),
ADD COLUMN     "riskRationale" TEXT,
ADD COLUMN     "source" "FindingSource" NOT NULL DEFAULT 'SELF_IDENTIFIED',
ADD COLUMN     "verifiedById" TEXT;

-- CreateTable
CREATE TABLE "Audit" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "AuditKind" NOT NULL,
    "standard" "AuditStandard" NOT NULL,
    "firm" TEXT,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "status" "AuditStatus" NOT NULL DEFAULT 'PLANNED',
    "scopeFrameworkIds" TEXT[],
    "scopeSystemIds" TEXT[],
    "reportEvidenceId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditAssignment" (
    "auditId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditAssignment_pkey" PRIMARY KEY ("auditId","userId")
);

-- CreateTable
CREATE TABLE "FindingRequirement" (
    "findingId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,

    CONSTRAINT "FindingRequirement_pkey" PRIMARY KEY ("findingId","requirementId")
);

-- CreateTable
CREATE TABLE "FindingControl" (
    "findingId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,

    CONSTRAINT "FindingControl_pkey" PRIMARY KEY ("findingId","controlId")
);

-- CreateTable
CREATE TABLE "FindingSystem" (
    "findingId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,

    CONSTRAINT "FindingSystem_pkey" PRIMARY KEY ("findingId","systemId")
);

-- CreateTable
CREATE TABLE "FindingModelVersion" (
    "findingId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,

    CONSTRAINT "FindingModelVersion_pkey" PRIMARY KEY ("findingId","modelVersionId")
);

-- CreateTable
CREATE TABLE "FindingComment" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "kind" "EvidenceKind" NOT NULL,
    "url" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "storageKey" TEXT,
    "ownerId" TEXT,
    "collectedById" TEXT,
    "collectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceRequirement" (
    "evidenceId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,

    CONSTRAINT "EvidenceRequirement_pkey" PRIMARY KEY ("evidenceId","requirementId")
);

-- CreateTable
CREATE TABLE "EvidenceCell" (
    "evidenceId" TEXT NOT NULL,
    "cellId" TEXT NOT NULL,

    CONSTRAINT "EvidenceCell_pkey" PRIMARY KEY ("evidenceId","cellId")
);

-- CreateTable
CREATE TABLE "EvidenceControl" (
    "evidenceId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,

    CONSTRAINT "EvidenceControl_pkey" PRIMARY KEY ("evidenceId","controlId")
);

-- CreateTable
CREATE TABLE "EvidenceFinding" (
    "evidenceId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,

    CONSTRAINT "EvidenceFinding_pkey" PRIMARY KEY ("evidenceId","findingId")
);

-- CreateTable
CREATE TABLE "EvidenceModelVersion" (
    "evidenceId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,

    CONSTRAINT "EvidenceModelVersion_pkey" PRIMARY KEY ("evidenceId","modelVersionId")
);

-- CreateTable
CREATE TABLE "EvidenceRequest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "auditId" TEXT,
    "requirementId" TEXT,
    "findingId" TEXT,
    "title" TEXT NOT NULL,
    "details" TEXT,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "EvidenceRequestStatus" NOT NULL DEFAULT 'OPEN',
    "requestedById" TEXT NOT NULL,
    "assigneeId" TEXT,
    "evidenceId" TEXT,
    "reviewComment" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "standard" "AuditStandard" NOT NULL,
    "issuer" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "auditId" TEXT,
    "reportEvidenceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Audit_orgId_status_idx" ON "Audit"("orgId", "status");

-- CreateIndex
CREATE INDEX "AuditAssignment_userId_idx" ON "AuditAssignment"("userId");

-- CreateIndex
CREATE INDEX "FindingRequirement_requirementId_idx" ON "FindingRequirement"("requirementId");

-- CreateIndex
CREATE INDEX "FindingControl_controlId_idx" ON "FindingControl"("controlId");

-- CreateIndex
CREATE INDEX "FindingSystem_systemId_idx" ON "FindingSystem"("systemId");

-- CreateIndex
CREATE INDEX "FindingModelVersion_modelVersionId_idx" ON "FindingModelVersion"("modelVersionId");

-- CreateIndex
CREATE INDEX "FindingComment_findingId_createdAt_idx" ON "FindingComment"("findingId", "createdAt");

-- CreateIndex
CREATE INDEX "Evidence_orgId_createdAt_idx" ON "Evidence"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Evidence_orgId_validUntil_idx" ON "Evidence"("orgId", "validUntil");

-- CreateIndex
CREATE INDEX "Evidence_ownerId_validUntil_idx" ON "Evidence"("ownerId", "validUntil");

-- CreateIndex
CREATE INDEX "EvidenceRequirement_requirementId_idx" ON "EvidenceRequirement"("requirementId");

-- CreateIndex
CREATE INDEX "EvidenceCell_cellId_idx" ON "EvidenceCell"("cellId");

-- CreateIndex
CREATE INDEX "EvidenceControl_controlId_idx" ON "EvidenceControl"("controlId");

-- CreateIndex
CREATE INDEX "EvidenceFinding_findingId_idx" ON "EvidenceFinding"("findingId");

-- CreateIndex
CREATE INDEX "EvidenceModelVersion_modelVersionId_idx" ON "EvidenceModelVersion"("modelVersionId");

-- CreateIndex
CREATE INDEX "EvidenceRequest_orgId_status_idx" ON "EvidenceRequest"("orgId", "status");

-- CreateIndex
CREATE INDEX "EvidenceRequest_auditId_idx" ON "EvidenceRequest"("auditId");

-- CreateIndex
CREATE INDEX "EvidenceRequest_assigneeId_status_idx" ON "EvidenceRequest"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Certification_orgId_expiresAt_idx" ON "Certification"("orgId", "expiresAt");

-- CreateIndex
CREATE INDEX "Finding_orgId_dueDate_idx" ON "Finding"("orgId", "dueDate");

-- CreateIndex
CREATE INDEX "Finding_orgId_createdAt_idx" ON "Finding"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "Finding_auditId_idx" ON "Finding"("auditId");

-- CreateIndex
CREATE INDEX "Finding_status_riskExpiresAt_idx" ON "Finding"("status", "riskExpiresAt");

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_riskApproverId_fkey" FOREIGN KEY ("riskApproverId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Audit" ADD CONSTRAINT "Audit_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Audit" ADD CONSTRAINT "Audit_reportEvidenceId_fkey" FOREIGN KEY ("reportEvidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditAssignment" ADD CONSTRAINT "AuditAssignment_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditAssignment" ADD CONSTRAINT "AuditAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingRequirement" ADD CONSTRAINT "FindingRequirement_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingRequirement" ADD CONSTRAINT "FindingRequirement_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingControl" ADD CONSTRAINT "FindingControl_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingControl" ADD CONSTRAINT "FindingControl_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingSystem" ADD CONSTRAINT "FindingSystem_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingSystem" ADD CONSTRAINT "FindingSystem_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingModelVersion" ADD CONSTRAINT "FindingModelVersion_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingModelVersion" ADD CONSTRAINT "FindingModelVersion_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingComment" ADD CONSTRAINT "FindingComment_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingComment" ADD CONSTRAINT "FindingComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_collectedById_fkey" FOREIGN KEY ("collectedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequirement" ADD CONSTRAINT "EvidenceRequirement_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequirement" ADD CONSTRAINT "EvidenceRequirement_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceCell" ADD CONSTRAINT "EvidenceCell_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceCell" ADD CONSTRAINT "EvidenceCell_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "MatrixCell"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceControl" ADD CONSTRAINT "EvidenceControl_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceControl" ADD CONSTRAINT "EvidenceControl_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFinding" ADD CONSTRAINT "EvidenceFinding_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFinding" ADD CONSTRAINT "EvidenceFinding_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceModelVersion" ADD CONSTRAINT "EvidenceModelVersion_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceModelVersion" ADD CONSTRAINT "EvidenceModelVersion_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRequest" ADD CONSTRAINT "EvidenceRequest_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_reportEvidenceId_fkey" FOREIGN KEY ("reportEvidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;
