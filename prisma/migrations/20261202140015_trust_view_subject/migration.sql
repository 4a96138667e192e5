-- AlterTable
ALTER TABLE "TrustView" ADD COLUMN     "subjectId" TEXT;
