-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "expiryWarnedAt" TIMESTAMP(3),
ADD COLUMN     "previousTokenHash" TEXT,
ADD COLUMN     "previousValidUntil" TIMESTAMP(3),
ADD COLUMN     "rotatedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_previousTokenHash_key" ON "ApiToken"("previousTokenHash");
