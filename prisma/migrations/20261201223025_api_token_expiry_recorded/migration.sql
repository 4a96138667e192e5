-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "expiryRecordedAt" TIMESTAMP(3);
