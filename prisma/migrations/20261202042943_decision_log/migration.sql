-- CreateEnum
CREATE TYPE "ExplanationStatus" AS ENUM ('VALID', 'UNCHECKED', 'NOT_ADDITIVE', 'MISSING');

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "leafIndex" INTEGER NOT NULL,
    "subjectRef" TEXT NOT NULL,
    "featuresCipher" TEXT NOT NULL,
    "output" JSONB NOT NULL,
    "score" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "outcome" TEXT NOT NULL,
    "groupLabel" TEXT,
    "humanReviewed" BOOLEAN NOT NULL DEFAULT false,
    "overridden" BOOLEAN NOT NULL DEFAULT false,
    "reviewer" TEXT,
    "overrideReason" TEXT,
    "latencyMs" DOUBLE PRECISION,
    "explanation" JSONB,
    "explanationStatus" "ExplanationStatus" NOT NULL,
    "topFactor" TEXT,
    "leafHash" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id","decidedAt")
) PARTITION BY RANGE ("decidedAt");
-- Written by hand: Prisma cannot declare partitioning. Monthly partitions
-- (decision_YYYY_MM) are created ahead and dropped by the decisions jobs; the
-- indexes below are declared on the parent, so every partition gets its own.

-- CreateTable
CREATE TABLE "DecisionSubject" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "subjectRef" TEXT NOT NULL,
    "wrappedKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedAt" TIMESTAMPTZ(3),
    "erasedById" TEXT,
    "erasureReason" TEXT,

    CONSTRAINT "DecisionSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionBatch" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "systemId" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,
    "rootHash" TEXT NOT NULL,
    "leafHashes" BYTEA NOT NULL,
    "prevChainHash" TEXT NOT NULL,
    "chainHash" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "tokenId" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "report" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "DecisionBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionCheckpoint" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "treeSize" INTEGER NOT NULL,
    "decisionCount" INTEGER NOT NULL,
    "rootHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "statement" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "pushedTo" TEXT,
    "pushedAt" TIMESTAMPTZ(3),
    "pushError" TEXT,

    CONSTRAINT "DecisionCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionPurge" (
    "id" TEXT NOT NULL,
    "partition" TEXT NOT NULL,
    "fromAt" TIMESTAMPTZ(3) NOT NULL,
    "toAt" TIMESTAMPTZ(3) NOT NULL,
    "decisionCount" INTEGER NOT NULL,
    "checkpoints" JSONB NOT NULL DEFAULT '[]',
    "statement" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionPurge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionSystemSettings" (
    "systemId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "highStakes" BOOLEAN NOT NULL DEFAULT false,
    "retentionDays" INTEGER NOT NULL DEFAULT 183,
    "restrictedFeatures" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tolerance" DOUBLE PRECISION NOT NULL DEFAULT 0.001,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DecisionSystemSettings_pkey" PRIMARY KEY ("systemId")
);

-- CreateTable
CREATE TABLE "DevelopmentDecision" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "versionId" TEXT,
    "title" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "alternatives" TEXT NOT NULL DEFAULT '',
    "consequences" TEXT NOT NULL DEFAULT '',
    "approverId" TEXT NOT NULL,
    "createdById" TEXT,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevelopmentDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Decision_systemId_ref_idx" ON "Decision"("systemId", "ref");

-- CreateIndex
CREATE INDEX "Decision_orgId_subjectRef_idx" ON "Decision"("orgId", "subjectRef");

-- CreateIndex
CREATE INDEX "Decision_systemId_decidedAt_idx" ON "Decision"("systemId", "decidedAt");

-- CreateIndex
CREATE INDEX "Decision_versionId_decidedAt_idx" ON "Decision"("versionId", "decidedAt");

-- CreateIndex
CREATE INDEX "Decision_batchId_leafIndex_idx" ON "Decision"("batchId", "leafIndex");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionSubject_orgId_subjectRef_key" ON "DecisionSubject"("orgId", "subjectRef");

-- CreateIndex
CREATE INDEX "DecisionBatch_systemId_receivedAt_idx" ON "DecisionBatch"("systemId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionBatch_orgId_seq_key" ON "DecisionBatch"("orgId", "seq");

-- CreateIndex
CREATE INDEX "DecisionCheckpoint_orgId_issuedAt_idx" ON "DecisionCheckpoint"("orgId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionCheckpoint_orgId_treeSize_key" ON "DecisionCheckpoint"("orgId", "treeSize");

-- CreateIndex
CREATE INDEX "DevelopmentDecision_modelId_decidedAt_idx" ON "DevelopmentDecision"("modelId", "decidedAt");

-- CreateIndex
CREATE INDEX "DevelopmentDecision_versionId_idx" ON "DevelopmentDecision"("versionId");

-- Written by hand: the decision log is append-only. Decisions, batches and
-- purge records refuse UPDATE and DELETE (retention drops whole partitions,
-- DDL the triggers do not see, and writes a signed purge record).
CREATE FUNCTION decision_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the decision log is append-only (% on % refused)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER decision_no_update_delete BEFORE UPDATE OR DELETE ON "Decision" FOR EACH ROW EXECUTE FUNCTION decision_log_append_only();
CREATE TRIGGER decision_batch_no_update_delete BEFORE UPDATE OR DELETE ON "DecisionBatch" FOR EACH ROW EXECUTE FUNCTION decision_log_append_only();
CREATE TRIGGER decision_batch_no_truncate BEFORE TRUNCATE ON "DecisionBatch" FOR EACH STATEMENT EXECUTE FUNCTION decision_log_append_only();
CREATE TRIGGER decision_purge_no_update_delete BEFORE UPDATE OR DELETE ON "DecisionPurge" FOR EACH ROW EXECUTE FUNCTION decision_log_append_only();
CREATE TRIGGER decision_purge_no_truncate BEFORE TRUNCATE ON "DecisionPurge" FOR EACH STATEMENT EXECUTE FUNCTION decision_log_append_only();

-- A checkpoint is fixed once signed; only where it was pushed may be recorded.
CREATE FUNCTION decision_checkpoint_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW."orgId" IS DISTINCT FROM OLD."orgId" OR NEW."treeSize" IS DISTINCT FROM OLD."treeSize"
     OR NEW."decisionCount" IS DISTINCT FROM OLD."decisionCount" OR NEW."rootHash" IS DISTINCT FROM OLD."rootHash"
     OR NEW."issuedAt" IS DISTINCT FROM OLD."issuedAt" OR NEW."statement" IS DISTINCT FROM OLD."statement"
     OR NEW."signature" IS DISTINCT FROM OLD."signature" OR NEW."publicKey" IS DISTINCT FROM OLD."publicKey" THEN
    RAISE EXCEPTION 'a signed checkpoint cannot be changed or removed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER decision_checkpoint_fixed BEFORE UPDATE OR DELETE ON "DecisionCheckpoint" FOR EACH ROW EXECUTE FUNCTION decision_checkpoint_fixed();

-- A subject's key can only be destroyed (crypto-shredding), never replaced or
-- restored, and the subject row stays so its decisions remain countable.
CREATE FUNCTION decision_subject_shred_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'decision subjects cannot be deleted (erase them instead)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."id" IS DISTINCT FROM OLD."id" OR NEW."orgId" IS DISTINCT FROM OLD."orgId" OR NEW."subjectRef" IS DISTINCT FROM OLD."subjectRef"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" OR OLD."erasedAt" IS NOT NULL
     OR (NEW."wrappedKey" IS NOT NULL AND NEW."wrappedKey" IS DISTINCT FROM OLD."wrappedKey") THEN
    RAISE EXCEPTION 'a subject key can only be erased' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER decision_subject_shred_only BEFORE UPDATE OR DELETE ON "DecisionSubject" FOR EACH ROW EXECUTE FUNCTION decision_subject_shred_only();
