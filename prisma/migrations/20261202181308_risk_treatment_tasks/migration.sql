-- CreateEnum
CREATE TYPE "RiskTaskStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "RiskTask" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "riskId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "RiskTaskStatus" NOT NULL DEFAULT 'OPEN',
    "doneAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RiskTask_riskId_idx" ON "RiskTask"("riskId");

-- CreateIndex
CREATE INDEX "RiskTask_ownerId_status_idx" ON "RiskTask"("ownerId", "status");

-- AddForeignKey
ALTER TABLE "RiskTask" ADD CONSTRAINT "RiskTask_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskTask" ADD CONSTRAINT "RiskTask_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
