-- DropIndex
DROP INDEX "CrosswalkMapping_orgId_idx";

-- AlterTable
ALTER TABLE "AISystem" ADD COLUMN     "roles" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "CrosswalkMapping" ADD COLUMN     "citation" TEXT,
ADD COLUMN     "customised" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'CUSTOM',
ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Framework" ADD COLUMN     "licence" TEXT,
ADD COLUMN     "sourceUrl" TEXT;

-- CreateIndex
CREATE INDEX "CrosswalkMapping_orgId_removedAt_idx" ON "CrosswalkMapping"("orgId", "removedAt");

-- Before this migration crosswalk mappings could only come from the shipped library.
UPDATE "CrosswalkMapping" SET "origin" = 'LIBRARY';
