import { z } from 'zod';
import { assertSafeInput } from '@/lib/api/input-guard';
import { AppError } from '@/lib/errors';
import { csvRecords } from './csv';
import { fairnessUploadSchema, groupResultSchema, predictionRowSchema, type FairnessUpload } from './schema';

const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

function rowErrors(error: z.ZodError, line: number): string[] {
  return error.issues.map((i) => `Row ${line}${i.path.length ? ` (${i.path.join('.')})` : ''}: ${i.message}`);
}

/**
 * Turns an uploaded CSV or JSON file into a fairness upload. All or nothing:
 * every bad row is reported (up to 20), and nothing is stored if any fails.
 */
export function parseFairnessFile(kind: 'groups' | 'predictions', text: string, attribute?: string): z.output<typeof fairnessUploadSchema> {
  const trimmed = text.trim();
  if (!trimmed) throw new AppError('VALIDATION', 'The file is empty.');
  const errors: string[] = [];
  let upload: FairnessUpload;
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new AppError('VALIDATION', 'The file is not valid JSON.');
    }
    assertSafeInput(json, 'file', { prefix: ['file'] });
    upload = kind === 'groups' ? { groups: (Array.isArray(json) ? json : (json as { groups?: unknown }).groups) as never } : { attribute: attribute ?? '', predictions: (Array.isArray(json) ? json : (json as { predictions?: unknown }).predictions) as never };
  } else if (kind === 'groups') {
    const records = csvRecords(trimmed, ['attribute', 'group', 'count']);
    const groups = records.map((r, i) => {
      const parsed = groupResultSchema.safeParse({
        attribute: r.attribute,
        groupValue: r.group,
        count: num(r.count),
        positives: num(r.positives),
        accuracy: num(r.accuracy),
        precision: num(r.precision),
        recall: num(r.recall),
        selectionRate: num(r.selection_rate ?? r.selectionrate),
      });
      if (!parsed.success) errors.push(...rowErrors(parsed.error, i + 2));
      return parsed.data;
    });
    upload = { groups: groups as never };
  } else {
    const records = csvRecords(trimmed, ['y_true', 'y_pred', 'group']);
    const predictions = records.map((r, i) => {
      const parsed = predictionRowSchema.safeParse(r);
      if (!parsed.success) errors.push(...rowErrors(parsed.error, i + 2));
      return parsed.data;
    });
    upload = { attribute: attribute ?? '', predictions: predictions as never };
  }
  if (errors.length) {
    throw new AppError('VALIDATION', `${errors.length} problem${errors.length > 1 ? 's' : ''} in the file; nothing was stored. ${errors.slice(0, 3).join(' ')}`, {
      fieldErrors: { file: errors.slice(0, 20) },
    });
  }
  const parsed = fairnessUploadSchema.safeParse(upload);
  if (!parsed.success) {
    const msgs = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'file'}: ${i.message}`);
    throw new AppError('VALIDATION', `The file does not match the expected shape; nothing was stored. ${msgs[0]}`, { fieldErrors: { file: msgs } });
  }
  return parsed.data;
}
