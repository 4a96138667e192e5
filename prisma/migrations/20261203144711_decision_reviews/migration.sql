-- CreateEnum
CREATE TYPE "DecisionReviewResult" AS ENUM ('UPHELD', 'CHANGED');

-- CreateTable
CREATE TABLE "DecisionReview" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "systemId" TEXT NOT NULL,
    "decisionLeafHash" TEXT NOT NULL,
    "result" "DecisionReviewResult" NOT NULL,
    "outcomeBefore" TEXT NOT NULL,
    "newOutcome" TEXT,
    "reason" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "reviewerName" TEXT NOT NULL,
    "privacyTaskId" TEXT,
    "requestReference" TEXT,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "DecisionReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionReview_privacyTaskId_key" ON "DecisionReview"("privacyTaskId");

-- CreateIndex
CREATE INDEX "DecisionReview_orgId_decisionId_idx" ON "DecisionReview"("orgId", "decisionId");

-- Written by hand: a review, like the decision it reviews, is never changed or removed.
CREATE TRIGGER decision_review_no_update_delete BEFORE UPDATE OR DELETE ON "DecisionReview" FOR EACH ROW EXECUTE FUNCTION decision_log_append_only();
CREATE TRIGGER decision_review_no_truncate BEFORE TRUNCATE ON "DecisionReview" FOR EACH STATEMENT EXECUTE FUNCTION decision_log_append_only();
