-- The sealer, set-based: the hashes are still computed one after another
-- (each covers the one before), but the batch is written with one INSERT and
-- removed from the pending table with one DELETE instead of a statement pair
-- per event. Same payload, byte for byte, as lib/audit/chain.ts; same single
-- transaction, so a crash mid-seal still rolls the whole batch back.
CREATE OR REPLACE FUNCTION audit_seal(max_rows integer DEFAULT 10000) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  head_seq bigint;
  head_hash text;
  p record;
  ids bigint[] := '{}';
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(7301996421);
  SELECT e."seq", e."hash" INTO head_seq, head_hash FROM "AuditEvent" e ORDER BY e."seq" DESC LIMIT 1;
  IF head_seq IS NULL THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  FOR p IN SELECT * FROM "AuditEventPending" ORDER BY "id" LIMIT max_rows LOOP
    head_seq := head_seq + 1;
    ids := ids || p."id";
    seqs := seqs || head_seq;
    prevs := prevs || head_hash;
    head_hash := encode(sha256(convert_to(head_hash || E'\n' || '{"action":' || coalesce(to_json(p."action")::text, 'null') || ',"actorId":' || coalesce(to_json(p."actorId")::text, 'null') || ',"actorLabel":' || coalesce(to_json(p."actorLabel")::text, 'null') || ',"at":"' || to_char(p."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' || ',"changes":' || coalesce(p."changes", 'null') || ',"entityId":' || coalesce(to_json(p."entityId")::text, 'null') || ',"entityType":' || coalesce(to_json(p."entityType")::text, 'null') || ',"ip":' || coalesce(to_json(p."ip")::text, 'null') || ',"orgId":' || coalesce(to_json(p."orgId")::text, 'null') || ',"reason":' || coalesce(to_json(p."reason")::text, 'null') || ',"requestId":' || coalesce(to_json(p."requestId")::text, 'null') || ',"seq":"' || head_seq::text || '"}', 'UTF8')), 'hex');
    hashes := hashes || head_hash;
  END LOOP;
  IF cardinality(ids) = 0 THEN
    RETURN 0;
  END IF;
  INSERT INTO "AuditEvent" ("seq","at","orgId","actorId","actorLabel","action","entityType","entityId","changes","reason","requestId","ip","prevHash","hash")
  SELECT b.seq, q."at", q."orgId", q."actorId", q."actorLabel", q."action", q."entityType", q."entityId", q."changes", q."reason", q."requestId", q."ip", b.prev, b.hash
    FROM unnest(ids, seqs, prevs, hashes) AS b(id, seq, prev, hash)
    JOIN "AuditEventPending" q ON q."id" = b.id
   ORDER BY b.seq;
  DELETE FROM "AuditEventPending" WHERE "id" = ANY(ids);
  RETURN cardinality(ids);
END;
$fn$;
