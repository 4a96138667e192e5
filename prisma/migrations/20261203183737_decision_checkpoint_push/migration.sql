-- CreateEnum
CREATE TYPE "DecisionPushStatus" AS ENUM ('PENDING', 'PUSHED', 'FAILED');

-- CreateTable
CREATE TABLE "DecisionPushTarget" (
    "orgId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "pathStyle" BOOLEAN NOT NULL DEFAULT false,
    "accessKeyId" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DecisionPushTarget_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "DecisionCheckpointPush" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "treeSize" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "status" "DecisionPushStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "pushedAt" TIMESTAMPTZ(3),
    "etag" TEXT,
    "lastError" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionCheckpointPush_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DecisionCheckpointPush_orgId_location_status_idx" ON "DecisionCheckpointPush"("orgId", "location", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionCheckpointPush_checkpointId_location_key" ON "DecisionCheckpointPush"("checkpointId", "location");
