-- AlterTable
ALTER TABLE "CommitteeMeeting" DROP COLUMN "reviewQuarter",
ADD COLUMN     "reviewId" TEXT;

-- AlterTable
ALTER TABLE "RedTeamTechnique" ADD COLUMN     "incidentId" TEXT;

-- CreateIndex
CREATE INDEX "CommitteeMeeting_reviewId_idx" ON "CommitteeMeeting"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "RedTeamTechnique_incidentId_key" ON "RedTeamTechnique"("incidentId");

-- AddForeignKey
ALTER TABLE "CommitteeMeeting" ADD CONSTRAINT "CommitteeMeeting_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "QuarterlyReview"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamExercise" ADD CONSTRAINT "RedTeamExercise_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamTechnique" ADD CONSTRAINT "RedTeamTechnique_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamTechnique" ADD CONSTRAINT "RedTeamTechnique_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
