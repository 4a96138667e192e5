-- CreateEnum
CREATE TYPE "RiskTreatment" AS ENUM ('UNDECIDED', 'MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID');

-- CreateEnum
CREATE TYPE "RiskStatus" AS ENUM ('OPEN', 'ACCEPTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RiskScaleAxis" AS ENUM ('LIKELIHOOD', 'IMPACT');

-- CreateEnum
CREATE TYPE "ThreatStatus" AS ENUM ('IDENTIFIED', 'MITIGATING', 'MITIGATED', 'ACCEPTED', 'NOT_APPLICABLE');

-- CreateTable
CREATE TABLE "Risk" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "treatment" "RiskTreatment" NOT NULL DEFAULT 'UNDECIDED',
    "treatmentPlan" TEXT,
    "status" "RiskStatus" NOT NULL DEFAULT 'OPEN',
    "inherentLikelihood" INTEGER NOT NULL,
    "inherentImpact" INTEGER NOT NULL,
    "inherentScore" INTEGER NOT NULL,
    "residualLikelihood" INTEGER,
    "residualImpact" INTEGER,
    "residualScore" INTEGER,
    "ownerId" TEXT NOT NULL,
    "reviewCadenceDays" INTEGER NOT NULL DEFAULT 90,
    "lastReviewedAt" TIMESTAMP(3),
    "nextReviewAt" TIMESTAMP(3) NOT NULL,
    "acceptedById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "acceptanceRationale" TEXT,
    "acceptanceExpiresAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskSystem" (
    "riskId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,

    CONSTRAINT "RiskSystem_pkey" PRIMARY KEY ("riskId","systemId")
);

-- CreateTable
CREATE TABLE "RiskModel" (
    "riskId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,

    CONSTRAINT "RiskModel_pkey" PRIMARY KEY ("riskId","modelId")
);

-- CreateTable
CREATE TABLE "RiskDataset" (
    "riskId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,

    CONSTRAINT "RiskDataset_pkey" PRIMARY KEY ("riskId","datasetId")
);

-- CreateTable
CREATE TABLE "RiskRequirement" (
    "riskId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,

    CONSTRAINT "RiskRequirement_pkey" PRIMARY KEY ("riskId","requirementId")
);

-- CreateTable
CREATE TABLE "RiskControl" (
    "riskId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,

    CONSTRAINT "RiskControl_pkey" PRIMARY KEY ("riskId","controlId")
);

-- CreateTable
CREATE TABLE "RiskScaleLevel" (
    "orgId" TEXT NOT NULL,
    "axis" "RiskScaleAxis" NOT NULL,
    "level" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskScaleLevel_pkey" PRIMARY KEY ("orgId","axis","level")
);

-- CreateTable
CREATE TABLE "ThreatModel" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "components" TEXT[],
    "summary" TEXT NOT NULL DEFAULT '',
    "atlasVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreatModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreatEntry" (
    "id" TEXT NOT NULL,
    "threatModelId" TEXT NOT NULL,
    "techniqueId" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "status" "ThreatStatus" NOT NULL DEFAULT 'IDENTIFIED',
    "atlasMitigationIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreatEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreatEntryControl" (
    "entryId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,

    CONSTRAINT "ThreatEntryControl_pkey" PRIMARY KEY ("entryId","controlId")
);

-- CreateTable
CREATE TABLE "ThreatEntryRisk" (
    "entryId" TEXT NOT NULL,
    "riskId" TEXT NOT NULL,

    CONSTRAINT "ThreatEntryRisk_pkey" PRIMARY KEY ("entryId","riskId")
);

-- CreateIndex
CREATE INDEX "Risk_orgId_inherentScore_idx" ON "Risk"("orgId", "inherentScore");

-- CreateIndex
CREATE INDEX "Risk_orgId_residualScore_idx" ON "Risk"("orgId", "residualScore");

-- CreateIndex
CREATE INDEX "Risk_orgId_status_acceptanceExpiresAt_idx" ON "Risk"("orgId", "status", "acceptanceExpiresAt");

-- CreateIndex
CREATE INDEX "Risk_orgId_nextReviewAt_idx" ON "Risk"("orgId", "nextReviewAt");

-- CreateIndex
CREATE INDEX "Risk_ownerId_idx" ON "Risk"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "Risk_orgId_ref_key" ON "Risk"("orgId", "ref");

-- CreateIndex
CREATE INDEX "RiskSystem_systemId_idx" ON "RiskSystem"("systemId");

-- CreateIndex
CREATE INDEX "RiskModel_modelId_idx" ON "RiskModel"("modelId");

-- CreateIndex
CREATE INDEX "RiskDataset_datasetId_idx" ON "RiskDataset"("datasetId");

-- CreateIndex
CREATE INDEX "RiskRequirement_requirementId_idx" ON "RiskRequirement"("requirementId");

-- CreateIndex
CREATE INDEX "RiskControl_controlId_idx" ON "RiskControl"("controlId");

-- CreateIndex
CREATE UNIQUE INDEX "ThreatModel_systemId_key" ON "ThreatModel"("systemId");

-- CreateIndex
CREATE INDEX "ThreatModel_orgId_idx" ON "ThreatModel"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ThreatEntry_threatModelId_techniqueId_component_key" ON "ThreatEntry"("threatModelId", "techniqueId", "component");

-- CreateIndex
CREATE INDEX "ThreatEntryControl_controlId_idx" ON "ThreatEntryControl"("controlId");

-- CreateIndex
CREATE INDEX "ThreatEntryRisk_riskId_idx" ON "ThreatEntryRisk"("riskId");

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Risk" ADD CONSTRAINT "Risk_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskSystem" ADD CONSTRAINT "RiskSystem_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskSystem" ADD CONSTRAINT "RiskSystem_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskModel" ADD CONSTRAINT "RiskModel_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskModel" ADD CONSTRAINT "RiskModel_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskDataset" ADD CONSTRAINT "RiskDataset_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskDataset" ADD CONSTRAINT "RiskDataset_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskRequirement" ADD CONSTRAINT "RiskRequirement_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskRequirement" ADD CONSTRAINT "RiskRequirement_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskControl" ADD CONSTRAINT "RiskControl_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskControl" ADD CONSTRAINT "RiskControl_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskScaleLevel" ADD CONSTRAINT "RiskScaleLevel_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatModel" ADD CONSTRAINT "ThreatModel_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatModel" ADD CONSTRAINT "ThreatModel_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatEntry" ADD CONSTRAINT "ThreatEntry_threatModelId_fkey" FOREIGN KEY ("threatModelId") REFERENCES "ThreatModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatEntryControl" ADD CONSTRAINT "ThreatEntryControl_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ThreatEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatEntryControl" ADD CONSTRAINT "ThreatEntryControl_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatEntryRisk" ADD CONSTRAINT "ThreatEntryRisk_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ThreatEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatEntryRisk" ADD CONSTRAINT "ThreatEntryRisk_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
