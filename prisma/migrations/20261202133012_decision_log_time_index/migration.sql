-- CreateIndex
CREATE INDEX "Decision_orgId_decidedAt_idx" ON "Decision"("orgId", "decidedAt");
