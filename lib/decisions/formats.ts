import { parseCsv } from '@/lib/csv';
import { AppError } from '@/lib/errors';
import { MAX_BATCH_RECORDS } from './schema';

// A batch arrives as a JSON array, NDJSON (one record a line) or CSV. Each
// becomes the same list of raw records; ./ingest.ts validates them.

export type RawRecord = { row: number; value: unknown };

const tooMany = () => new AppError('PAYLOAD_TOO_LARGE', `A batch holds at most ${MAX_BATCH_RECORDS.toLocaleString('en')} decisions; split it.`);

export function readBatch(text: string, contentType: string): RawRecord[] {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return readJsonArray(text);
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return readNdjson(text);
  if (type === 'text/csv') return readCsv(text);
  throw new AppError('BAD_REQUEST', 'Send the batch as application/json (an array), application/x-ndjson or text/csv.');
}

function readJsonArray(text: string): RawRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid JSON.');
  }
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && Array.isArray((parsed as { decisions?: unknown }).decisions) ? (parsed as { decisions: unknown[] }).decisions : null;
  if (!list) throw new AppError('VALIDATION', 'Send a JSON array of decisions (or an object with a "decisions" array).', { fieldErrors: { body: ['Expected an array of decisions'] } });
  if (list.length > MAX_BATCH_RECORDS) throw tooMany();
  return list.map((value, i) => ({ row: i + 1, value }));
}

function readNdjson(text: string): RawRecord[] {
  const out: RawRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    if (out.length >= MAX_BATCH_RECORDS) throw tooMany();
    try {
      out.push({ row: i + 1, value: JSON.parse(line) });
    } catch {
      out.push({ row: i + 1, value: Symbol.for('invalid-json') });
    }
  }
  return out;
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
const str = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
const bool = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : /^(true|1|yes)$/i.test(s.trim()));

/**
 * CSV columns: decision_id, model, version, timestamp, subject_ref, decision,
 * output_score, output_class, output_value, confidence, group, human_reviewed,
 * overridden, reviewer, override_reason, latency_ms, explanation_method,
 * base_value, then feature.<name> and attribution.<name> columns.
 */
function readCsv(text: string): RawRecord[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new AppError('VALIDATION', `Invalid CSV: ${(e as Error).message}`, { fieldErrors: { body: [(e as Error).message] } });
  }
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim());
  if (rows.length - 1 > MAX_BATCH_RECORDS) throw tooMany();
  return rows.slice(1).map((cells, i) => {
    const get = (name: string) => {
      const at = header.indexOf(name);
      return at < 0 ? undefined : cells[at];
    };
    const features: Record<string, unknown> = {};
    const attributions: Record<string, number | undefined> = {};
    header.forEach((h, c) => {
      if (h.startsWith('feature.')) {
        const v = cells[c] ?? '';
        features[h.slice(8)] = v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;
      } else if (h.startsWith('attribution.') && (cells[c] ?? '').trim() !== '') attributions[h.slice(12)] = num(cells[c]);
    });
    const method = str(get('explanation_method'));
    const reviewed = bool(get('human_reviewed'));
    return {
      row: i + 2,
      value: {
        decisionId: str(get('decision_id')),
        model: str(get('model')),
        version: str(get('version')),
        timestamp: str(get('timestamp')),
        subjectRef: str(get('subject_ref')),
        decision: str(get('decision')),
        features,
        output: { score: num(get('output_score')), class: str(get('output_class')), value: num(get('output_value')) },
        confidence: num(get('confidence')),
        group: str(get('group')),
        human: reviewed === undefined ? undefined : { reviewed, overridden: bool(get('overridden')) ?? false, reviewer: str(get('reviewer')), reason: str(get('override_reason')) },
        latencyMs: num(get('latency_ms')),
        explanation: method ? { method, baseValue: num(get('base_value')), attributions } : undefined,
      },
    };
  });
}
