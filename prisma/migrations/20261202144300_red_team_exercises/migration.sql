-- CreateEnum
CREATE TYPE "RedTeamTeam" AS ENUM ('INTERNAL', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "RedTeamResult" AS ENUM ('PLANNED', 'RESISTED', 'PARTIAL', 'SUCCEEDED');

-- AlterEnum
ALTER TYPE "FindingSource" ADD VALUE 'RED_TEAM';

-- CreateTable
CREATE TABLE "RedTeamExercise" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "versionId" TEXT,
    "team" "RedTeamTeam" NOT NULL DEFAULT 'INTERNAL',
    "firm" TEXT,
    "scope" TEXT NOT NULL DEFAULT '',
    "completedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RedTeamExercise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedTeamTechnique" (
    "id" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "techniqueId" TEXT NOT NULL,
    "result" "RedTeamResult" NOT NULL DEFAULT 'PLANNED',
    "evidence" TEXT NOT NULL DEFAULT '',
    "testedAt" TIMESTAMP(3),
    "findingId" TEXT,
    "retestOfId" TEXT,

    CONSTRAINT "RedTeamTechnique_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RedTeamExercise_orgId_createdAt_idx" ON "RedTeamExercise"("orgId", "createdAt");

-- CreateIndex
CREATE INDEX "RedTeamExercise_versionId_completedAt_idx" ON "RedTeamExercise"("versionId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RedTeamTechnique_findingId_key" ON "RedTeamTechnique"("findingId");

-- CreateIndex
CREATE UNIQUE INDEX "RedTeamTechnique_exerciseId_techniqueId_key" ON "RedTeamTechnique"("exerciseId", "techniqueId");

-- AddForeignKey
ALTER TABLE "RedTeamExercise" ADD CONSTRAINT "RedTeamExercise_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamExercise" ADD CONSTRAINT "RedTeamExercise_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamTechnique" ADD CONSTRAINT "RedTeamTechnique_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "RedTeamExercise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamTechnique" ADD CONSTRAINT "RedTeamTechnique_retestOfId_fkey" FOREIGN KEY ("retestOfId") REFERENCES "RedTeamTechnique"("id") ON DELETE SET NULL ON UPDATE CASCADE;
