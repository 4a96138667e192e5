-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "supersededById" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnById" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "cycleOwnerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Open findings start their current remediation cycle with their present owner.
UPDATE "Finding" SET "cycleOwnerIds" = ARRAY["ownerId"] WHERE "ownerId" IS NOT NULL;
