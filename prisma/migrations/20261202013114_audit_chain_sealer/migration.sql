-- CreateTable
CREATE TABLE "AuditEventPending" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "orgId" TEXT,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "changes" TEXT,
    "reason" TEXT,
    "requestId" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEventPending_pkey" PRIMARY KEY ("id")
);

-- The sealer: moves pending events into the chain in the order they are
-- found (commit order, by id), giving each the next sequence number, the
-- previous event's hash and its own hash, computed here in SQL byte for byte
-- as lib/audit/chain.ts computes it (the payload is lib/audit/verify.ts's
-- PAYLOAD_SQL). One statement, one transaction: a crash mid-seal rolls the
-- batch back whole and the next call resumes from the same head.
CREATE FUNCTION audit_seal(max_rows integer DEFAULT 10000) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  head_seq bigint;
  head_hash text;
  pending record;
  sealed integer := 0;
BEGIN
  -- One sealer at a time over every instance (the key recordEvent used to
  -- take), held until this transaction ends.
  PERFORM pg_advisory_xact_lock(7301996421);
  SELECT e."seq", e."hash" INTO head_seq, head_hash FROM "AuditEvent" e ORDER BY e."seq" DESC LIMIT 1;
  IF head_seq IS NULL THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  FOR pending IN SELECT * FROM "AuditEventPending" ORDER BY "id" LIMIT max_rows LOOP
    head_seq := head_seq + 1;
    INSERT INTO "AuditEvent" ("seq","at","orgId","actorId","actorLabel","action","entityType","entityId","changes","reason","requestId","ip","prevHash","hash")
    SELECT s.*, encode(sha256(convert_to(s."prevHash" || E'\n' || '{"action":' || coalesce(to_json("action")::text, 'null') || ',"actorId":' || coalesce(to_json("actorId")::text, 'null') || ',"actorLabel":' || coalesce(to_json("actorLabel")::text, 'null') || ',"at":"' || to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' || ',"changes":' || coalesce("changes", 'null') || ',"entityId":' || coalesce(to_json("entityId")::text, 'null') || ',"entityType":' || coalesce(to_json("entityType")::text, 'null') || ',"ip":' || coalesce(to_json("ip")::text, 'null') || ',"orgId":' || coalesce(to_json("orgId")::text, 'null') || ',"reason":' || coalesce(to_json("reason")::text, 'null') || ',"requestId":' || coalesce(to_json("requestId")::text, 'null') || ',"seq":"' || "seq"::text || '"}', 'UTF8')), 'hex')
      FROM (SELECT head_seq AS "seq",
                   pending."at" AS "at",
                   pending."orgId" AS "orgId",
                   pending."actorId" AS "actorId",
                   pending."actorLabel" AS "actorLabel",
                   pending."action" AS "action",
                   pending."entityType" AS "entityType",
                   pending."entityId" AS "entityId",
                   pending."changes" AS "changes",
                   pending."reason" AS "reason",
                   pending."requestId" AS "requestId",
                   pending."ip" AS "ip",
                   head_hash AS "prevHash") s
    RETURNING "hash" INTO head_hash;
    DELETE FROM "AuditEventPending" WHERE "id" = pending."id";
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END;
$fn$;

-- Pending events are only ever inserted by mutations and deleted by the
-- sealer as it chains them: no update, no truncate.
CREATE FUNCTION audit_event_pending_no_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'pending audit events cannot be changed (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$fn$;
CREATE TRIGGER audit_event_pending_no_update BEFORE UPDATE ON "AuditEventPending" FOR EACH ROW EXECUTE FUNCTION audit_event_pending_no_update();
CREATE TRIGGER audit_event_pending_no_truncate BEFORE TRUNCATE ON "AuditEventPending" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_pending_no_update();

