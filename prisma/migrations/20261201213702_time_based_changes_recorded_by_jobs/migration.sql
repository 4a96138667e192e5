-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "expiryRecordedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "staleRecordedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "IncidentResponsePlan" ADD COLUMN     "untestedRecordedAt" TIMESTAMP(3);
