import { describe, expect, it } from 'vitest';
import { isDevelopmentCopy, minimisationReasons, retentionDue, type RuleLike } from './rules';

const rule = (r: Partial<RuleLike>): RuleLike => ({ id: 'r', datasetId: null, category: null, periodDays: 30, event: 'COLLECTED', eventName: '', eventAt: null, keepBasis: 'Art. 6(1)(c)', ...r });
const ds = { id: 'd1', createdAt: new Date('2026-01-01T00:00:00Z'), personalDataCategories: ['Health', 'contact'] };

describe('retention rules', () => {
  it('a dataset’s own rule wins over its categories’ rules', () => {
    const rules = [rule({ id: 'cat', category: 'health', periodDays: 10 }), rule({ id: 'own', datasetId: 'd1', periodDays: 365 })];
    expect(retentionDue(ds, rules)).toMatchObject({ rule: { id: 'own' }, dueAt: new Date('2027-01-01T00:00:00Z'), from: 'collection' });
  });
  it('among category rules the earliest deletion date applies (case-insensitive categories)', () => {
    const rules = [rule({ id: 'contact', category: 'CONTACT', periodDays: 90 }), rule({ id: 'health', category: 'health', periodDays: 60 }), rule({ id: 'other', category: 'financial', periodDays: 1 })];
    expect(retentionDue(ds, rules)?.rule.id).toBe('health');
    expect(retentionDue(ds, rules)?.dueAt.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
  it('counts from a named event; none while the event has no date; none without a rule', () => {
    expect(retentionDue(ds, [rule({ datasetId: 'd1', event: 'EVENT_DATE', eventName: 'contract end', eventAt: new Date('2026-06-30T00:00:00Z'), periodDays: 1 })])).toMatchObject({ dueAt: new Date('2026-07-01T00:00:00Z'), from: 'contract end' });
    expect(retentionDue(ds, [rule({ datasetId: 'd1', event: 'EVENT_DATE', eventName: 'contract end' })])).toBeNull();
    expect(retentionDue(ds, [rule({ category: 'device' })])).toBeNull();
  });
  it('flags development copies of restricted or confidential personal data only', () => {
    expect(isDevelopmentCopy({ name: 'Claims', storageLocation: 's3://dev-bucket/claims', classification: 'RESTRICTED', personalData: true })).toBe(true);
    expect(isDevelopmentCopy({ name: 'Claims (staging)', storageLocation: 'eu-west-1', classification: 'CONFIDENTIAL', personalData: true })).toBe(true);
    expect(isDevelopmentCopy({ name: 'Claims', storageLocation: 'eu-west-1', classification: 'RESTRICTED', personalData: true })).toBe(false);
    expect(isDevelopmentCopy({ name: 'Claims', storageLocation: 'dev', classification: 'INTERNAL', personalData: true })).toBe(false);
    expect(isDevelopmentCopy({ name: 'Devices', storageLocation: 'developer-portal', classification: 'RESTRICTED', personalData: true })).toBe(false);
  });
  it('lists a dataset for minimisation when past retention, unused lately, or a development copy', () => {
    const now = new Date('2026-10-01T00:00:00Z');
    const since = new Date('2026-04-01T00:00:00Z');
    const base = { ...ds, name: 'Patients', storageLocation: 'eu-west-1', classification: 'RESTRICTED', personalData: true, deletionDate: null, lastUsedAt: new Date('2026-09-01T00:00:00Z') };
    expect(minimisationReasons(base, [], now, since)).toEqual([]);
    expect(minimisationReasons(base, [rule({ datasetId: 'd1', periodDays: 30 })], now, since)).toEqual(['PAST_RETENTION']);
    expect(minimisationReasons({ ...base, lastUsedAt: null }, [], now, since)).toEqual(['NO_RECENT_USE']);
    expect(minimisationReasons({ ...base, storageLocation: 'sandbox', deletionDate: new Date('2026-09-30T00:00:00Z'), lastUsedAt: new Date('2026-01-01T00:00:00Z') }, [], now, since)).toEqual(['PAST_RETENTION', 'NO_RECENT_USE', 'DEVELOPMENT_COPY']);
  });
});
