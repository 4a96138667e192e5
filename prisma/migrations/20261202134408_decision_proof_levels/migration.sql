-- AlterTable
ALTER TABLE "DecisionBatch" ADD COLUMN     "nodeHashes" BYTEA;

-- AlterTable
ALTER TABLE "DecisionCheckpoint" ADD COLUMN     "treeHashes" BYTEA;

-- The stored tree of a signed checkpoint is as fixed as its root.
CREATE OR REPLACE FUNCTION decision_checkpoint_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW."orgId" IS DISTINCT FROM OLD."orgId" OR NEW."treeSize" IS DISTINCT FROM OLD."treeSize"
     OR NEW."decisionCount" IS DISTINCT FROM OLD."decisionCount" OR NEW."rootHash" IS DISTINCT FROM OLD."rootHash"
     OR NEW."issuedAt" IS DISTINCT FROM OLD."issuedAt" OR NEW."statement" IS DISTINCT FROM OLD."statement"
     OR NEW."signature" IS DISTINCT FROM OLD."signature" OR NEW."publicKey" IS DISTINCT FROM OLD."publicKey"
     OR NEW."treeHashes" IS DISTINCT FROM OLD."treeHashes" THEN
    RAISE EXCEPTION 'a signed checkpoint cannot be changed or removed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
