-- CreateEnum
CREATE TYPE "MonitorHealth" AS ENUM ('OK', 'WARNING', 'BREACH', 'MISSING', 'NO_DATA');

-- CreateEnum
CREATE TYPE "MonitorFeatureKind" AS ENUM ('NUMERIC', 'CATEGORICAL');

-- CreateEnum
CREATE TYPE "MonitorFeatureRole" AS ENUM ('FEATURE', 'PREDICTION', 'LABEL');

-- CreateEnum
CREATE TYPE "DriftMethod" AS ENUM ('PSI', 'JENSEN_SHANNON', 'WASSERSTEIN', 'KS', 'CHI_SQUARE');

-- CreateEnum
CREATE TYPE "MonitorAlertKind" AS ENUM ('METRIC', 'DRIFT', 'MISSING_DATA');

-- CreateEnum
CREATE TYPE "MonitorAlertLevel" AS ENUM ('WARNING', 'BREACH');

-- CreateEnum
CREATE TYPE "MonitorAlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "groupAttributes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cadenceHours" INTEGER NOT NULL DEFAULT 24,
    "missingAfterHours" INTEGER NOT NULL DEFAULT 26,
    "escalateAfterDays" INTEGER NOT NULL DEFAULT 3,
    "reviewer" TEXT NOT NULL DEFAULT '',
    "reviewCadence" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "health" "MonitorHealth" NOT NULL DEFAULT 'NO_DATA',
    "lastWindowEnd" TIMESTAMP(3),
    "windowCount" INTEGER NOT NULL DEFAULT 0,
    "worst" JSONB,

    CONSTRAINT "Monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorMetric" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "attribute" TEXT NOT NULL DEFAULT '',
    "direction" "MetricDirection" NOT NULL DEFAULT 'AT_LEAST',
    "threshold" DOUBLE PRECISION NOT NULL,
    "warningRatio" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "baseline" DOUBLE PRECISION,
    "fairness" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MonitorMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorFeature" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "MonitorFeatureKind" NOT NULL,
    "role" "MonitorFeatureRole" NOT NULL DEFAULT 'FEATURE',
    "method" "DriftMethod" NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "reference" JSONB NOT NULL,

    CONSTRAINT "MonitorFeature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorWindow" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "labelledCount" INTEGER NOT NULL DEFAULT 0,
    "health" "MonitorHealth" NOT NULL DEFAULT 'OK',
    "features" JSONB NOT NULL DEFAULT '{}',
    "drift" JSONB NOT NULL DEFAULT '[]',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "MonitorWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorMetricValue" (
    "id" BIGSERIAL NOT NULL,
    "windowId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "attribute" TEXT NOT NULL DEFAULT '',
    "groupValue" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,
    "count" INTEGER,

    CONSTRAINT "MonitorMetricValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorAlert" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "kind" "MonitorAlertKind" NOT NULL,
    "level" "MonitorAlertLevel" NOT NULL,
    "status" "MonitorAlertStatus" NOT NULL DEFAULT 'OPEN',
    "subject" TEXT NOT NULL DEFAULT '',
    "attribute" TEXT NOT NULL DEFAULT '',
    "groupValue" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "warningAt" DOUBLE PRECISION,
    "windowId" TEXT,
    "openKey" TEXT,
    "ownerId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "acknowledgeNote" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolveNote" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "incidentId" TEXT,

    CONSTRAINT "MonitorAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_versionId_key" ON "Monitor"("versionId");

-- CreateIndex
CREATE INDEX "Monitor_orgId_health_idx" ON "Monitor"("orgId", "health");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorMetric_monitorId_name_attribute_key" ON "MonitorMetric"("monitorId", "name", "attribute");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorFeature_monitorId_name_key" ON "MonitorFeature"("monitorId", "name");

-- CreateIndex
CREATE INDEX "MonitorWindow_monitorId_endsAt_idx" ON "MonitorWindow"("monitorId", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorWindow_monitorId_externalId_key" ON "MonitorWindow"("monitorId", "externalId");

-- CreateIndex
CREATE INDEX "MonitorMetricValue_monitorId_metric_endsAt_idx" ON "MonitorMetricValue"("monitorId", "metric", "endsAt");

-- CreateIndex
CREATE INDEX "MonitorMetricValue_windowId_idx" ON "MonitorMetricValue"("windowId");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorAlert_openKey_key" ON "MonitorAlert"("openKey");

-- CreateIndex
CREATE INDEX "MonitorAlert_orgId_status_openedAt_idx" ON "MonitorAlert"("orgId", "status", "openedAt");

-- CreateIndex
CREATE INDEX "MonitorAlert_monitorId_status_idx" ON "MonitorAlert"("monitorId", "status");

-- CreateIndex
CREATE INDEX "MonitorAlert_incidentId_idx" ON "MonitorAlert"("incidentId");

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorMetric" ADD CONSTRAINT "MonitorMetric_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorFeature" ADD CONSTRAINT "MonitorFeature_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorWindow" ADD CONSTRAINT "MonitorWindow_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorMetricValue" ADD CONSTRAINT "MonitorMetricValue_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "MonitorWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorAlert" ADD CONSTRAINT "MonitorAlert_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorAlert" ADD CONSTRAINT "MonitorAlert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
