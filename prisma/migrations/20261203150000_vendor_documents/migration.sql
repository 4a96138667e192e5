-- CreateTable
CREATE TABLE "VendorDocument" (
    "id" TEXT NOT NULL,
    "questionnaireId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidenceId" TEXT,

    CONSTRAINT "VendorDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VendorDocument_storageKey_key" ON "VendorDocument"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "VendorDocument_evidenceId_key" ON "VendorDocument"("evidenceId");

-- CreateIndex
CREATE INDEX "VendorDocument_questionnaireId_questionKey_idx" ON "VendorDocument"("questionnaireId", "questionKey");

-- AddForeignKey
ALTER TABLE "VendorDocument" ADD CONSTRAINT "VendorDocument_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "VendorQuestionnaire"("id") ON DELETE CASCADE ON UPDATE CASCADE;
