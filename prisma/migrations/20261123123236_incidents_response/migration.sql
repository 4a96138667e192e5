-- CreateEnum
CREATE TYPE "IncidentType" AS ENUM ('WRONG_DECISIONS', 'FAIRNESS_VIOLATION', 'DATA_BREACH', 'ADVERSARIAL_ATTACK', 'DRIFT', 'PRIVACY_VIOLATION', 'THIRD_PARTY_FAILURE', 'OTHER');

-- CreateEnum
CREATE TYPE "CorrectiveActionStatus" AS ENUM ('OPEN', 'DONE');

-- CreateEnum
CREATE TYPE "IncidentExerciseKind" AS ENUM ('TABLETOP', 'ROLLBACK_DRILL');

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "acknowledgedById" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "closedById" TEXT,
ADD COLUMN     "containedAt" TIMESTAMP(3),
ADD COLUMN     "containedById" TEXT,
ADD COLUMN     "healthData" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "minutesToRollback" INTEGER,
ADD COLUMN     "nearMiss" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "peopleAffected" INTEGER,
ADD COLUMN     "personalData" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "protectedGroup" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedById" TEXT,
ADD COLUMN     "rolledBackAt" TIMESTAMP(3),
ADD COLUMN     "severityOverriddenById" TEXT,
ADD COLUMN     "severityOverrideReason" TEXT,
ADD COLUMN     "treeAnswers" JSONB,
ADD COLUMN     "treeSeverity" "IncidentSeverity" NOT NULL DEFAULT 'SEV4',
ADD COLUMN     "type" "IncidentType" NOT NULL DEFAULT 'OTHER';

-- CreateTable
CREATE TABLE "IncidentTimelineEntry" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentTimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentResponseTarget" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "severity" "IncidentSeverity" NOT NULL,
    "ackMinutes" INTEGER NOT NULL,
    "containMinutes" INTEGER NOT NULL,
    "resolveMinutes" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentResponseTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentNotificationRule" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regulation" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "hours" INTEGER NOT NULL,
    "group" TEXT NOT NULL,
    "whenAll" TEXT[],
    "whenAny" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentNotificationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentNotification" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3) NOT NULL,
    "recipient" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentCorrectiveAction" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "CorrectiveActionStatus" NOT NULL DEFAULT 'OPEN',
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentCorrectiveAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentPostmortem" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "rootCause" TEXT NOT NULL,
    "wentWell" TEXT NOT NULL,
    "wentPoorly" TEXT NOT NULL,
    "correctiveActions" TEXT NOT NULL,
    "lessons" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentPostmortem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentResponsePlan" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "systemId" TEXT,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "lastTestedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentResponsePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentExercise" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" "IncidentExerciseKind" NOT NULL,
    "heldAt" TIMESTAMP(3) NOT NULL,
    "scenario" TEXT NOT NULL,
    "participants" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "rollbackMinutes" INTEGER,
    "followUps" TEXT NOT NULL,
    "planId" TEXT,
    "systemId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentExercise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_IncidentModels" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_IncidentModels_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_IncidentVersions" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_IncidentVersions_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_IncidentSystems" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_IncidentSystems_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "IncidentTimelineEntry_incidentId_at_idx" ON "IncidentTimelineEntry"("incidentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentResponseTarget_orgId_severity_key" ON "IncidentResponseTarget"("orgId", "severity");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentNotificationRule_orgId_key_key" ON "IncidentNotificationRule"("orgId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentNotification_incidentId_ruleKey_key" ON "IncidentNotification"("incidentId", "ruleKey");

-- CreateIndex
CREATE INDEX "IncidentCorrectiveAction_incidentId_idx" ON "IncidentCorrectiveAction"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentCorrectiveAction_orgId_status_dueDate_idx" ON "IncidentCorrectiveAction"("orgId", "status", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentPostmortem_incidentId_key" ON "IncidentPostmortem"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentResponsePlan_orgId_systemId_version_idx" ON "IncidentResponsePlan"("orgId", "systemId", "version");

-- CreateIndex
CREATE INDEX "IncidentExercise_orgId_heldAt_idx" ON "IncidentExercise"("orgId", "heldAt");

-- CreateIndex
CREATE INDEX "_IncidentModels_B_index" ON "_IncidentModels"("B");

-- CreateIndex
CREATE INDEX "_IncidentVersions_B_index" ON "_IncidentVersions"("B");

-- CreateIndex
CREATE INDEX "_IncidentSystems_B_index" ON "_IncidentSystems"("B");

-- CreateIndex
CREATE INDEX "Incident_orgId_detectedAt_idx" ON "Incident"("orgId", "detectedAt");

-- CreateIndex
CREATE INDEX "Incident_orgId_type_idx" ON "Incident"("orgId", "type");

-- AddForeignKey
ALTER TABLE "IncidentTimelineEntry" ADD CONSTRAINT "IncidentTimelineEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNotification" ADD CONSTRAINT "IncidentNotification_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentCorrectiveAction" ADD CONSTRAINT "IncidentCorrectiveAction_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPostmortem" ADD CONSTRAINT "IncidentPostmortem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentResponsePlan" ADD CONSTRAINT "IncidentResponsePlan_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IncidentModels" ADD CONSTRAINT "_IncidentModels_A_fkey" FOREIGN KEY ("A") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IncidentModels" ADD CONSTRAINT "_IncidentModels_B_fkey" FOREIGN KEY ("B") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IncidentVersions" ADD CONSTRAINT "_IncidentVersions_A_fkey" FOREIGN KEY ("A") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IncidentVersions" ADD CONSTRAINT "_IncidentVersions_B_fkey" FOREIGN KEY ("B") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IncidentSystems" ADD CONSTRAINT "_IncidentSystems_A_fkey" FOREIGN KEY ("A") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IncidentSystems" ADD CONSTRAINT "_IncidentSystems_B_fkey" FOREIGN KEY ("B") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
