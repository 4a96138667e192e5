-- CreateTable
CREATE TABLE "MlflowConnection" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "tokenEnc" TEXT,
    "tokenHint" TEXT,
    "systemId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "syncEnabled" BOOLEAN NOT NULL DEFAULT false,
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncReport" JSONB,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MlflowConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MlflowImportedVersion" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "mlflowModel" TEXT NOT NULL,
    "mlflowVersion" TEXT NOT NULL,
    "runId" TEXT,
    "source" TEXT,
    "mlflowUpdatedAt" TIMESTAMP(3),
    "suggestedStage" TEXT,
    "mlflowStage" TEXT,
    "aliases" TEXT[],
    "tags" JSONB NOT NULL DEFAULT '{}',
    "modelVersionId" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "goneAt" TIMESTAMP(3),

    CONSTRAINT "MlflowImportedVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MlflowConnection_orgId_key" ON "MlflowConnection"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "MlflowImportedVersion_modelVersionId_key" ON "MlflowImportedVersion"("modelVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "MlflowImportedVersion_orgId_mlflowModel_mlflowVersion_key" ON "MlflowImportedVersion"("orgId", "mlflowModel", "mlflowVersion");

-- AddForeignKey
ALTER TABLE "MlflowConnection" ADD CONSTRAINT "MlflowConnection_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MlflowConnection" ADD CONSTRAINT "MlflowConnection_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AISystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MlflowConnection" ADD CONSTRAINT "MlflowConnection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MlflowImportedVersion" ADD CONSTRAINT "MlflowImportedVersion_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MlflowImportedVersion" ADD CONSTRAINT "MlflowImportedVersion_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
