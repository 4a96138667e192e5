import { describe, expect, it } from 'vitest';
import { cellsAsOf, endOfPeriod, type CellNow } from './matrix-as-of';

const t = (s: string) => new Date(s);
const asOf = endOfPeriod(t('2025-09-30T00:00:00Z'));
const cell = (over: Partial<CellNow> = {}): CellNow => ({
  id: 'c1', status: 'NON_COMPLIANT', notes: 'Gap found in Q4', justification: null, evidenceUrl: null,
  assessedAt: t('2025-11-02T10:00:00Z'), assessedBy: 'Dana Compliance', createdAt: t('2025-05-01T09:00:00Z'), ...over,
});
const change = (seq: number, at: string, changes: unknown, actorLabel = 'Dana Compliance') => ({ seq, at: t(at), entityId: 'c1', actorLabel, changes: JSON.stringify(changes) });

describe('the matrix as of the audit period’s end', () => {
  it('ends the period at the last millisecond of its last day (UTC)', () => {
    expect(asOf.toISOString()).toBe('2025-09-30T23:59:59.999Z');
  });

  it('undoes every change recorded after the moment, keeping the earliest "from" of each field', () => {
    const events = [
      change(1, '2025-06-10T08:00:00Z', { status: { from: 'NOT_ASSESSED', to: 'PARTIALLY_COMPLIANT' } }, 'Sam Engineer'),
      change(2, '2025-09-15T08:00:00Z', { status: { from: 'PARTIALLY_COMPLIANT', to: 'COMPLIANT' }, notes: { from: null, to: 'Reviewed' } }),
      change(4, '2025-11-02T10:00:00Z', { status: { from: 'PARTIALLY_COMPLIANT', to: 'NON_COMPLIANT' }, notes: { from: 'Reviewed again', to: 'Gap found in Q4' } }),
      change(3, '2025-10-20T10:00:00Z', { status: { from: 'COMPLIANT', to: 'PARTIALLY_COMPLIANT' }, notes: { from: 'Reviewed', to: 'Reviewed again' }, bulk: 3 }),
    ];
    expect(cellsAsOf([cell()], events, asOf)).toEqual([
      { id: 'c1', status: 'COMPLIANT', notes: 'Reviewed', justification: null, evidenceUrl: null, assessedAt: '2025-09-15T08:00:00.000Z', assessedBy: 'Dana Compliance', recordedAfterAsOf: false },
    ]);
  });

  it('keeps today’s values when nothing changed since, and marks cells first recorded afterwards as not assessed', () => {
    const same = cell({ status: 'COMPLIANT', assessedAt: t('2025-08-01T00:00:00Z') });
    expect(cellsAsOf([same], [], asOf)[0]).toMatchObject({ status: 'COMPLIANT', notes: 'Gap found in Q4', assessedAt: '2025-08-01T00:00:00.000Z', recordedAfterAsOf: false });
    const later = cell({ id: 'c2', status: 'COMPLIANT', createdAt: t('2026-01-05T00:00:00Z'), assessedAt: t('2026-01-05T00:00:00Z') });
    expect(cellsAsOf([later], [], asOf)[0]).toMatchObject({ status: 'NOT_ASSESSED', notes: null, assessedAt: null, assessedBy: null, recordedAfterAsOf: true });
  });

  it('a cell created after the moment by an assessment event goes back to not assessed', () => {
    const created = [change(9, '2026-02-01T00:00:00Z', { status: { from: 'NOT_ASSESSED', to: 'COMPLIANT' }, requirementId: { from: null, to: 'r' } })];
    expect(cellsAsOf([cell({ status: 'COMPLIANT', createdAt: t('2026-02-01T00:00:00Z') })], created, asOf)[0]).toMatchObject({ status: 'NOT_ASSESSED', recordedAfterAsOf: true });
  });
});
