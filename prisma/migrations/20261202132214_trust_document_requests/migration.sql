-- CreateEnum
CREATE TYPE "TrustRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED');

-- AlterTable
ALTER TABLE "TrustCentre" ADD COLUMN     "ndaVersion" INTEGER,
ADD COLUMN     "policies" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "showPolicies" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "TrustNda" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "TrustNda_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustDocument" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "withdrawnAt" TIMESTAMPTZ(3),

    CONSTRAINT "TrustDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustDocumentRequest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "company" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ndaVersion" INTEGER,
    "ndaSha256" TEXT,
    "ndaAcceptedAt" TIMESTAMPTZ(3),
    "status" "TrustRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,
    "decisionNote" TEXT,
    "ip" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustDocumentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustDocumentDownload" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ndaVersion" INTEGER,
    "ip" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustDocumentDownload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrustNda_orgId_version_key" ON "TrustNda"("orgId", "version");

-- CreateIndex
CREATE INDEX "TrustDocument_orgId_withdrawnAt_idx" ON "TrustDocument"("orgId", "withdrawnAt");

-- CreateIndex
CREATE INDEX "TrustDocumentRequest_orgId_status_createdAt_idx" ON "TrustDocumentRequest"("orgId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "TrustDocumentDownload_orgId_at_idx" ON "TrustDocumentDownload"("orgId", "at");

-- CreateIndex
CREATE INDEX "TrustDocumentDownload_requestId_idx" ON "TrustDocumentDownload"("requestId");

-- AddForeignKey
ALTER TABLE "TrustDocumentRequest" ADD CONSTRAINT "TrustDocumentRequest_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "TrustDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrustDocumentDownload" ADD CONSTRAINT "TrustDocumentDownload_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TrustDocumentRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
