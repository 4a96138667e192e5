-- CreateTable
CREATE TABLE "TrustCentre" (
    "orgId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "showCertifications" BOOLEAN NOT NULL DEFAULT true,
    "showFrameworks" BOOLEAN NOT NULL DEFAULT true,
    "showAttestations" BOOLEAN NOT NULL DEFAULT true,
    "securityContact" TEXT,
    "frameworks" JSONB NOT NULL DEFAULT '[]',
    "snapshot" JSONB,
    "publishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "TrustCentre_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "TrustView" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "ip" TEXT,

    CONSTRAINT "TrustView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrustView_orgId_at_idx" ON "TrustView"("orgId", "at");
