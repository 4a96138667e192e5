// The matrix as it stood at a moment in the past, replayed backwards from
// today's cells through the audit trail: for each field, the value before the
// first change after that moment. Pure; unit-tested in matrix-as-of.test.ts.

export type CellNow = {
  id: string;
  status: string;
  notes: string | null;
  justification: string | null;
  evidenceUrl: string | null;
  assessedAt: Date | null;
  assessedBy: string | null;
  createdAt: Date;
};
export type CellEvent = { seq: bigint | number; at: Date; entityId: string; actorLabel: string; changes: unknown };
export type CellAsOf = Omit<CellNow, 'assessedAt' | 'createdAt'> & {
  assessedAt: string | null;
  /** True when the trail holds no record of the cell until after the moment: it had not been assessed yet. */
  recordedAfterAsOf: boolean;
};

const FIELDS = ['status', 'notes', 'justification', 'evidenceUrl'] as const;

function fieldChanges(changes: unknown): Partial<Record<(typeof FIELDS)[number], { from: unknown }>> {
  const c = typeof changes === 'string' ? (JSON.parse(changes) as unknown) : changes;
  if (!c || typeof c !== 'object') return {};
  const out: Partial<Record<(typeof FIELDS)[number], { from: unknown }>> = {};
  for (const f of FIELDS) {
    const v = (c as Record<string, unknown>)[f];
    if (v && typeof v === 'object' && 'from' in v) out[f] = { from: (v as { from: unknown }).from };
  }
  return out;
}

/** `events`: the cells' audit events (entityType "matrix_cell"), any order. */
export function cellsAsOf(cells: CellNow[], events: CellEvent[], asOf: Date): CellAsOf[] {
  const byCell = new Map<string, CellEvent[]>();
  for (const e of [...events].sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)))) {
    byCell.set(e.entityId, [...(byCell.get(e.entityId) ?? []), e]);
  }
  return cells.map((cell) => {
    const trail = byCell.get(cell.id) ?? [];
    const before = trail.filter((e) => e.at <= asOf);
    const after = trail.filter((e) => e.at > asOf);
    const state: Record<(typeof FIELDS)[number], unknown> = { status: cell.status, notes: cell.notes, justification: cell.justification, evidenceUrl: cell.evidenceUrl };
    const restored = new Set<string>();
    for (const e of after) {
      for (const [f, { from }] of Object.entries(fieldChanges(e.changes)) as [(typeof FIELDS)[number], { from: unknown }][]) {
        if (restored.has(f)) continue;
        state[f] = from ?? (f === 'status' ? 'NOT_ASSESSED' : null);
        restored.add(f);
      }
    }
    const recordedAfterAsOf = before.length === 0 && cell.createdAt > asOf;
    if (recordedAfterAsOf) Object.assign(state, { status: 'NOT_ASSESSED', notes: null, justification: null, evidenceUrl: null });
    const last = before.at(-1);
    const assessedAt = last ? last.at : cell.assessedAt && cell.assessedAt <= asOf && !recordedAfterAsOf ? cell.assessedAt : null;
    return {
      id: cell.id,
      status: String(state.status),
      notes: (state.notes as string | null) ?? null,
      justification: (state.justification as string | null) ?? null,
      evidenceUrl: (state.evidenceUrl as string | null) ?? null,
      assessedAt: assessedAt?.toISOString() ?? null,
      assessedBy: last ? last.actorLabel : assessedAt ? cell.assessedBy : null,
      recordedAfterAsOf,
    };
  });
}

/** An audit period ends at the end of its last day (UTC): the snapshot is taken at 23:59:59.999 that day. */
export function endOfPeriod(periodEnd: Date): Date {
  return new Date(Date.UTC(periodEnd.getUTCFullYear(), periodEnd.getUTCMonth(), periodEnd.getUTCDate(), 23, 59, 59, 999));
}
