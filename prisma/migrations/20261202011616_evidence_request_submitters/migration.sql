-- AlterTable
ALTER TABLE "EvidenceRequest" ADD COLUMN     "submitterIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Requests already fulfilled: whoever collected the submitted evidence submitted it.
UPDATE "EvidenceRequest" r SET "submitterIds" = ARRAY[e."collectedById"]
FROM "Evidence" e
WHERE r."evidenceId" = e."id" AND e."collectedById" IS NOT NULL;
