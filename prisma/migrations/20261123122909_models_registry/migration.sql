-- CreateEnum
CREATE TYPE "DatasetClassification" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "DatasetRole" AS ENUM ('TRAINING', 'EVALUATION');

-- CreateEnum
CREATE TYPE "MetricDirection" AS ENUM ('AT_LEAST', 'AT_MOST');

-- CreateEnum
CREATE TYPE "FairnessCheck" AS ENUM ('DEMOGRAPHIC_PARITY', 'DISPARATE_IMPACT', 'EQUAL_OPPORTUNITY');

-- CreateEnum
CREATE TYPE "SignOffRole" AS ENUM ('BUSINESS_OWNER', 'COMPLIANCE');

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "artifactDigest" TEXT,
ADD COLUMN     "artifactSize" BIGINT,
ADD COLUMN     "artifactUri" TEXT,
ADD COLUMN     "explainability" JSONB,
ADD COLUMN     "framework" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "hyperparameters" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "modelCard" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "notes" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT NOT NULL,
    "classification" "DatasetClassification" NOT NULL DEFAULT 'INTERNAL',
    "personalData" BOOLEAN NOT NULL DEFAULT false,
    "personalDataCategories" TEXT[],
    "legalBasis" TEXT,
    "retentionDays" INTEGER,
    "deletionDate" TIMESTAMP(3),
    "storageLocation" TEXT NOT NULL DEFAULT '',
    "accessPolicy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetUsage" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "role" "DatasetRole" NOT NULL,
    "transformation" TEXT NOT NULL DEFAULT '',
    "steps" TEXT[],

    CONSTRAINT "DatasetUsage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionMetric" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION,
    "direction" "MetricDirection" NOT NULL DEFAULT 'AT_LEAST',

    CONSTRAINT "VersionMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairnessGroupResult" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "groupValue" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "positives" INTEGER,
    "accuracy" DOUBLE PRECISION,
    "precision" DOUBLE PRECISION,
    "recall" DOUBLE PRECISION,
    "selectionRate" DOUBLE PRECISION,

    CONSTRAINT "FairnessGroupResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairnessThreshold" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "maxParityDifference" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "minDisparateImpact" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "maxOpportunityDifference" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "setById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FairnessThreshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairnessMitigation" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "attribute" TEXT NOT NULL,
    "check" "FairnessCheck" NOT NULL,
    "mitigation" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairnessMitigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RobustnessResult" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "budget" DOUBLE PRECISION NOT NULL,
    "metric" TEXT NOT NULL,
    "cleanValue" DOUBLE PRECISION NOT NULL,
    "attackedValue" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RobustnessResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionSignOff" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "role" "SignOffRole" NOT NULL,
    "userId" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VersionSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionAttestation" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VersionAttestation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Dataset_orgId_classification_idx" ON "Dataset"("orgId", "classification");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_orgId_name_key" ON "Dataset"("orgId", "name");

-- CreateIndex
CREATE INDEX "DatasetUsage_datasetId_idx" ON "DatasetUsage"("datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetUsage_versionId_datasetId_role_key" ON "DatasetUsage"("versionId", "datasetId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "VersionMetric_versionId_name_key" ON "VersionMetric"("versionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "FairnessGroupResult_versionId_attribute_groupValue_key" ON "FairnessGroupResult"("versionId", "attribute", "groupValue");

-- CreateIndex
CREATE UNIQUE INDEX "FairnessThreshold_systemId_key" ON "FairnessThreshold"("systemId");

-- CreateIndex
CREATE UNIQUE INDEX "FairnessMitigation_versionId_attribute_check_key" ON "FairnessMitigation"("versionId", "attribute", "check");

-- CreateIndex
CREATE INDEX "RobustnessResult_versionId_idx" ON "RobustnessResult"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "VersionSignOff_versionId_role_key" ON "VersionSignOff"("versionId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "VersionAttestation_versionId_key" ON "VersionAttestation"("versionId");

-- CreateIndex
CREATE INDEX "Model_orgId_name_idx" ON "Model"("orgId", "name");

-- CreateIndex
CREATE INDEX "ModelVersion_orgId_stage_idx" ON "ModelVersion"("orgId", "stage");

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetUsage" ADD CONSTRAINT "DatasetUsage_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetUsage" ADD CONSTRAINT "DatasetUsage_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionMetric" ADD CONSTRAINT "VersionMetric_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairnessGroupResult" ADD CONSTRAINT "FairnessGroupResult_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairnessThreshold" ADD CONSTRAINT "FairnessThreshold_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairnessMitigation" ADD CONSTRAINT "FairnessMitigation_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairnessMitigation" ADD CONSTRAINT "FairnessMitigation_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RobustnessResult" ADD CONSTRAINT "RobustnessResult_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionSignOff" ADD CONSTRAINT "VersionSignOff_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionSignOff" ADD CONSTRAINT "VersionSignOff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionAttestation" ADD CONSTRAINT "VersionAttestation_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One version of a model serves production at a time (Prisma cannot model partial indexes).
CREATE UNIQUE INDEX "ModelVersion_one_production_per_model" ON "ModelVersion"("modelId") WHERE "stage" = 'PRODUCTION';

-- Artifact digests are SHA-256 in lowercase hex.
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_artifactDigest_hex" CHECK ("artifactDigest" IS NULL OR "artifactDigest" ~ '^[0-9a-f]{64}$');
ALTER TABLE "FairnessGroupResult" ADD CONSTRAINT "FairnessGroupResult_count_nonneg" CHECK ("count" >= 0 AND ("positives" IS NULL OR "positives" >= 0));
