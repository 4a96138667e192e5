import { decisionRecordSchema, type DecisionRecord } from './schema';

// The ingestion hot path's validator: a hand-written check that returns the
// record exactly as decisionRecordSchema would parse it when the record is
// plainly valid (strings already trimmed, numbers finite, nothing unknown),
// and null otherwise. A null sends the record through the zod schema, so
// every refusal, and its message, is still the schema's own.

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A string the schema's trim leaves as it is, of 1..max characters. */
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max && v.trim() === v;
const optionalText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max && v.trim() === v);

// The schema's own ISO date-time pattern (calendar-checked), read once.
const TIMESTAMP = (decisionRecordSchema.shape.timestamp as unknown as { _zod?: { pattern?: unknown } })._zod?.pattern;
const timestampPattern = TIMESTAMP instanceof RegExp ? TIMESTAMP : null;

const RECORD_KEYS = new Set(['decisionId', 'model', 'version', 'timestamp', 'subjectRef', 'features', 'output', 'confidence', 'decision', 'group', 'human', 'latencyMs', 'explanation']);
const OUTPUT_KEYS = new Set(['score', 'class', 'value']);
const HUMAN_KEYS = new Set(['reviewed', 'overridden', 'reviewer', 'reason']);
const EXPLANATION_KEYS = new Set(['method', 'baseValue', 'attributions', 'additive']);

/** Only known keys, none of them present with an undefined value (the schema's output drops or keeps those differently). */
function onlyKeys(o: Obj, allowed: Set<string>): boolean {
  for (const k in o) if (!allowed.has(k) || o[k] === undefined) return false;
  return true;
}

function mapOf(o: unknown, max: number, ok: (v: unknown) => boolean): boolean {
  if (!isObject(o) || Object.getPrototypeOf(o) !== Object.prototype) return false;
  let n = 0;
  for (const k in o) {
    if (k.length < 1 || k.length > 120 || k === '__proto__' || !ok(o[k])) return false;
    n++;
  }
  return n <= max;
}

const featureValue = (v: unknown) => v === null || typeof v === 'boolean' || finite(v) || (typeof v === 'string' && v.length <= 1000);

/** The record as the schema parses it, or null when only the schema may say (it may still be valid). */
export function quickDecisionRecord(value: unknown): DecisionRecord | null {
  if (!timestampPattern || !isObject(value) || !onlyKeys(value, RECORD_KEYS)) return null;
  const v = value;
  if (!text(v.decisionId, 200) || !text(v.model, 120) || !text(v.version, 120) || !text(v.subjectRef, 200) || !text(v.decision, 100)) return null;
  if (typeof v.timestamp !== 'string' || !timestampPattern.test(v.timestamp)) return null;
  if (!mapOf(v.features, 500, featureValue)) return null;
  const out = v.output;
  if (!isObject(out) || !onlyKeys(out, OUTPUT_KEYS)) return null;
  if ((out.score !== undefined && !finite(out.score)) || (out.value !== undefined && !finite(out.value))) return null;
  if (out.class !== undefined && (typeof out.class !== 'string' || out.class.length > 200)) return null;
  if (out.score === undefined && out.class === undefined && out.value === undefined) return null;
  if (v.confidence !== undefined && (!finite(v.confidence) || v.confidence < 0 || v.confidence > 1)) return null;
  if (!optionalText(v.group, 100)) return null;
  if (v.latencyMs !== undefined && (!finite(v.latencyMs) || v.latencyMs < 0 || v.latencyMs > 3_600_000)) return null;
  const record: DecisionRecord = {
    decisionId: v.decisionId,
    model: v.model,
    version: v.version,
    timestamp: v.timestamp,
    subjectRef: v.subjectRef,
    features: v.features as DecisionRecord['features'],
    output: { ...(out as DecisionRecord['output']) },
    decision: v.decision,
  };
  if (v.confidence !== undefined) record.confidence = v.confidence as number;
  if (v.group !== undefined) record.group = v.group as string;
  if (v.latencyMs !== undefined) record.latencyMs = v.latencyMs as number;
  if (v.human !== undefined) {
    const h = v.human;
    if (!isObject(h) || !onlyKeys(h, HUMAN_KEYS) || typeof h.reviewed !== 'boolean') return null;
    if (h.overridden !== undefined && typeof h.overridden !== 'boolean') return null;
    if (!optionalText(h.reviewer, 200) || !optionalText(h.reason, 2000)) return null;
    const overridden = h.overridden ?? false;
    if (overridden && !(h.reviewed && h.reviewer && h.reason)) return null;
    record.human = { reviewed: h.reviewed, overridden, ...(h.reviewer !== undefined ? { reviewer: h.reviewer as string } : {}), ...(h.reason !== undefined ? { reason: h.reason as string } : {}) };
  }
  if (v.explanation !== undefined) {
    const e = v.explanation;
    if (!isObject(e) || !onlyKeys(e, EXPLANATION_KEYS) || !text(e.method, 60) || !finite(e.baseValue)) return null;
    if (e.additive !== undefined && typeof e.additive !== 'boolean') return null;
    if (!mapOf(e.attributions, 500, finite) || Object.keys(e.attributions as Obj).length === 0) return null;
    record.explanation = { method: e.method, baseValue: e.baseValue, attributions: e.attributions as Record<string, number>, ...(e.additive !== undefined ? { additive: e.additive } : {}) };
  }
  return record;
}
