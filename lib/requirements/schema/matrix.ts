import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { areaSchema, frameworkKeySchema } from '../library-schema';
import { type Status, statusSchema } from './vocabulary';
import { id, trimmed, optionalText, urlOrBlank } from './fields';

export const matrixFilterSchema = z.object({
  framework: blankAsUndefined(frameworkKeySchema),
  area: blankAsUndefined(areaSchema),
  /** A user id, "unowned" or "me". */
  owner: blankAsUndefined(z.string().max(64)),
  status: blankAsUndefined(statusSchema),
  region: blankAsUndefined(z.string().max(16)),
  aiOnly: blankAsUndefined(flag),
  overdue: blankAsUndefined(flag),
  q: blankAsUndefined(z.string().trim().max(120)),
});
export type MatrixFilter = z.input<typeof matrixFilterSchema>;
export type MatrixFilterValues = z.output<typeof matrixFilterSchema>;

import { MATRIX_WINDOW } from './labels';

export { MATRIX_WINDOW };

export const matrixWindowSchema = matrixFilterSchema.extend({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(MATRIX_WINDOW),
});
export type MatrixWindowQuery = z.input<typeof matrixWindowSchema>;

export const updateCellSchema = z
  .object({
    requirementId: id,
    systemId: id,
    status: statusSchema,
    notes: optionalText(4000),
    justification: optionalText(2000),
    evidenceUrl: urlOrBlank,
    reason: optionalText(500),
  })
  .superRefine((c, ctx) => {
    if (c.status === 'NOT_APPLICABLE' && !c.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Give a justification for “not applicable”' });
    }
  });
export type UpdateCellInput = z.input<typeof updateCellSchema>;

export const bulkUpdateCellsSchema = z
  .object({
    cells: z.array(z.object({ requirementId: id, systemId: id })).min(1, 'Select at least one cell').max(5000, 'Select at most 5,000 cells at once'),
    status: statusSchema,
    justification: optionalText(2000),
    reason: trimmed(500, 'a reason for the bulk change'),
  })
  .superRefine((c, ctx) => {
    if (c.status === 'NOT_APPLICABLE' && !c.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Give a justification for “not applicable”' });
    }
  });
export type BulkUpdateCellsInput = z.input<typeof bulkUpdateCellsSchema>;

export type MatrixSystem = { id: string; name: string; regions: string[]; domain: string; canEdit: boolean };
/** Compact on purpose (a window holds rows × systems of these): empty fields are left out. Who and when live on the cell page. */
/** `monitoring`: the system's production monitoring, shown as evidence on the requirements it is mapped to (lib/monitoring PLAN_REQUIREMENTS). */
export type MatrixCellView = { status: Status; applies: boolean; notes?: string | null; justification?: string | null; evidenceUrl?: string | null; monitoring?: { href: string; label: string } };
export type MatrixRow = {
  id: string;
  frameworkKey: string;
  frameworkName: string;
  ref: string;
  title: string;
  area: string;
  aiSpecific: boolean;
  ownerId: string | null;
  ownerName: string | null;
  nextReviewDue: string | null;
  overdue: boolean;
  /** Set when the row takes its status from its controls. */
  derivedStatus: Status | null;
  /** One per system, in the order of the window's `systems`. */
  cells: MatrixCellView[];
};
