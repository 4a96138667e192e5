-- CreateTable
CREATE TABLE "GatePolicy" (
    "orgId" TEXT NOT NULL,
    "requireMonitor" BOOLEAN NOT NULL DEFAULT false,
    "minExplanationCoverage" DOUBLE PRECISION,
    "requireRedTeam" BOOLEAN NOT NULL DEFAULT false,
    "maxCriticalVulnerabilityAgeDays" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "GatePolicy_pkey" PRIMARY KEY ("orgId")
);

-- AddForeignKey
ALTER TABLE "GatePolicy" ADD CONSTRAINT "GatePolicy_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
