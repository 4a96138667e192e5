import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { parseOrThrow } from '@/lib/api/zod-errors';
import { AppError, notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { describeCondition, describeDeadline, obligations, type Obligation } from './evaluate';
import { incidentFactsFrom } from './facts';
import { ruleDefinitionSchema, type Rule, type RuleDefinition } from './language';
import { SAMPLE_INCIDENT_FACTS, notificationRuleInputSchema, ruleInputToDefinition, rulePreviewSchema } from './input';
import { shippedRules } from './shipped';

// The organisation's notification rules: the shipped set (versioned data) until
// an administrator loads or edits them; then the stored copies, where the
// organisation's edits survive every reload of the shipped rules and are
// listed as conflicts when the shipped text moved on.

export type RuleRow = Rule & {
  active: boolean;
  stored: boolean;
  customised: boolean;
  libraryVersion: number | null;
  shipped: boolean;
  /** The shipped definition changed and differs from the organisation's edit. */
  conflict: boolean;
};
export type RuleConflict = { key: string; reason: string };
export type RuleLoadReport = { fromVersion: number | null; toVersion: number; created: string[]; updated: string[]; unchanged: number; retired: string[]; conflicts: RuleConflict[] };

type StoredRow = { key: string; definition: Prisma.JsonValue; active: boolean; libraryVersion: number | null; customised: boolean };
const ROW_SELECT = { key: true, definition: true, active: true, libraryVersion: true, customised: true } as const;

function parseStored(row: StoredRow): { rule: RuleRow } | { invalid: RuleConflict } {
  const parsed = ruleDefinitionSchema.safeParse(row.definition);
  if (!parsed.success) return { invalid: { key: row.key, reason: `The stored definition is not a valid rule (${parsed.error.issues[0]?.path.join('.') || 'definition'}: ${parsed.error.issues[0]?.message}); it is ignored until it is saved again.` } };
  const lib = shippedRules();
  const shipped = lib.rules.find((r) => r.key === row.key);
  const { key: _k, ...shippedDef } = shipped ?? { key: '' };
  const conflict = Boolean(shipped && row.customised && (row.libraryVersion ?? 0) < lib.libraryVersion && !isDeepStrictEqual(shippedDef, parsed.data));
  return { rule: { ...parsed.data, key: row.key, active: row.active, stored: true, customised: row.customised, libraryVersion: row.libraryVersion, shipped: Boolean(shipped), conflict } };
}

function shippedRows(): RuleRow[] {
  const lib = shippedRules();
  return lib.rules.map((r) => ({ ...r, active: true, stored: false, customised: false, libraryVersion: lib.libraryVersion, shipped: true, conflict: false }));
}

function ruleSet(rows: StoredRow[]) {
  const lib = shippedRules();
  if (!rows.length) return { rules: shippedRows(), invalid: [] as RuleConflict[], loadedVersion: lib.libraryVersion, shippedVersion: lib.libraryVersion, stored: false };
  const rules: RuleRow[] = [];
  const invalid: RuleConflict[] = [];
  for (const row of rows) {
    const p = parseStored(row);
    if ('rule' in p) rules.push(p.rule);
    else invalid.push(p.invalid);
  }
  const versions = rows.filter((r) => r.libraryVersion !== null && !r.customised).map((r) => r.libraryVersion!);
  return { rules, invalid, loadedVersion: versions.length ? Math.min(...versions) : null, shippedVersion: lib.libraryVersion, stored: true };
}

async function readRows(client: Tx | typeof db, orgId: string) {
  return client.incidentNotificationRule.findMany({ where: { orgId }, orderBy: { key: 'asc' }, select: ROW_SELECT });
}

/** Every rule of the organisation, active or not, with its library status (for the settings page). */
export async function listNotificationRules(actor: Actor) {
  authorize(actor, 'incidents:read');
  const set = ruleSet(await readRows(db, actor.orgId));
  const lib = shippedRules();
  const storedKeys = new Set(set.rules.map((r) => r.key));
  return {
    ...set,
    rules: set.rules.map((r) => ({ ...r, conditionText: describeCondition(r.appliesWhen), deadlineText: describeDeadline(r, set.rules) })),
    conflicts: [...set.invalid, ...set.rules.filter((r) => r.conflict).map((r) => ({ key: r.key, reason: 'You edited this rule; the shipped rule has changed since. Yours is kept and used.' }))],
    /** Shipped rules a reload would add. */
    missing: set.stored ? lib.rules.filter((r) => !storedKeys.has(r.key)).map((r) => r.key) : [],
  };
}

/** The active rules that apply to incidents of the actor's organisation. */
export async function activeNotificationRules(actor: Actor, client: Tx | typeof db = db): Promise<Rule[]> {
  authorize(actor, 'incidents:read');
  return ruleSet(await readRows(client, actor.orgId)).rules.filter((r) => r.active);
}

const definitionOf = (r: Rule): RuleDefinition => {
  const { key: _key, ...def } = r;
  return def;
};
const json = (d: RuleDefinition) => d as unknown as Prisma.InputJsonValue;

async function copyShipped(tx: Tx, orgId: string) {
  const lib = shippedRules();
  await tx.incidentNotificationRule.createMany({
    data: lib.rules.map((r) => ({ orgId, key: r.key, definition: json(definitionOf(r)), libraryVersion: lib.libraryVersion, customised: false, active: true })),
  });
}

/**
 * Loads or reloads the shipped rules: adds new ones, updates the copies the
 * organisation did not edit, deactivates retired ones it did not edit, and
 * keeps every edit (listed as a conflict when the shipped rule differs).
 */
export async function loadShippedNotificationRules(actor: Actor): Promise<RuleLoadReport> {
  authorize(actor, 'settings:manage');
  const lib = shippedRules();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident-rules:${actor.orgId}`}))`;
    const rows = await readRows(tx, actor.orgId);
    const set = ruleSet(rows);
    const report: RuleLoadReport = { fromVersion: set.stored ? set.loadedVersion : null, toVersion: lib.libraryVersion, created: [], updated: [], unchanged: 0, retired: [], conflicts: [] };
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const r of lib.rules) {
      const have = byKey.get(r.key);
      const def = definitionOf(r);
      if (!have) {
        await tx.incidentNotificationRule.create({ data: { orgId: actor.orgId, key: r.key, definition: json(def), libraryVersion: lib.libraryVersion } });
        report.created.push(r.key);
      } else if (isDeepStrictEqual(have.definition, JSON.parse(JSON.stringify(def)))) {
        report.unchanged++;
        if (have.libraryVersion !== lib.libraryVersion) await tx.incidentNotificationRule.update({ where: { orgId_key: { orgId: actor.orgId, key: r.key } }, data: { libraryVersion: lib.libraryVersion } });
      } else if (have.customised) {
        report.conflicts.push({ key: r.key, reason: 'Edited by your organisation; the shipped rule differs. Yours is kept.' });
      } else {
        await tx.incidentNotificationRule.update({ where: { orgId_key: { orgId: actor.orgId, key: r.key } }, data: { definition: json(def), libraryVersion: lib.libraryVersion } });
        report.updated.push(r.key);
      }
    }
    for (const old of lib.retired) {
      const have = byKey.get(old.key);
      if (!have || !have.active) continue;
      if (have.customised) report.conflicts.push({ key: old.key, reason: `Retired in the shipped rules (replaced by ${old.replacedBy.join(', ')}); your edited copy stays active.` });
      else {
        await tx.incidentNotificationRule.update({ where: { orgId_key: { orgId: actor.orgId, key: old.key } }, data: { active: false } });
        report.retired.push(old.key);
      }
    }
    await recordEvent(tx, actor, {
      action: set.stored ? 'incident.rules_reloaded' : 'incident.rules_loaded',
      entityType: 'incident-rule',
      entityId: 'library',
      changes: { libraryVersion: { from: report.fromVersion, to: report.toVersion }, created: report.created, updated: report.updated, retired: report.retired, conflicts: report.conflicts.map((c) => c.key) },
    });
    return report;
  });
}

function invalidRule(field: string, message: string) {
  return new AppError('VALIDATION', message, { fieldErrors: { [field]: [message] } });
}

function checkReferences(def: RuleDefinition, key: string, known: Set<string>) {
  for (const [i, l] of def.limits.entries()) {
    if (l.start.event === 'notified' && l.start.rule !== key && !known.has(l.start.rule)) throw invalidRule(`definition.limits.${i}.start.rule`, `Unknown rule ${l.start.rule}: a clock can start at the notification of an existing rule.`);
    if (l.start.event === 'notified' && l.start.rule === key) throw invalidRule(`definition.limits.${i}.start.rule`, 'A rule cannot start at its own notification.');
  }
}

/** Adds or changes one rule (same key replaces it); the first edit stores the shipped set for the organisation. */
export async function saveNotificationRule(actor: Actor, input: z.input<typeof notificationRuleInputSchema>) {
  authorize(actor, 'settings:manage');
  const data = parseOrThrow(notificationRuleInputSchema, input, 'notification rule');
  const def = ruleInputToDefinition(data);
  const lib = shippedRules();
  const shipped = lib.rules.find((r) => r.key === data.key);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident-rules:${actor.orgId}`}))`;
    if (!(await tx.incidentNotificationRule.count({ where: { orgId: actor.orgId } }))) await copyShipped(tx, actor.orgId);
    const rows = await readRows(tx, actor.orgId);
    checkReferences(def, data.key, new Set(rows.map((r) => r.key)));
    const before = rows.find((r) => r.key === data.key) ?? null;
    const customised = !shipped || !isDeepStrictEqual(JSON.parse(JSON.stringify(definitionOf(shipped))), JSON.parse(JSON.stringify(def)));
    const values = { definition: json(def), active: data.active, customised, libraryVersion: shipped ? (customised ? (before?.libraryVersion ?? lib.libraryVersion) : lib.libraryVersion) : null };
    await tx.incidentNotificationRule.upsert({ where: { orgId_key: { orgId: actor.orgId, key: data.key } }, create: { orgId: actor.orgId, key: data.key, ...values }, update: values });
    await recordEvent(tx, actor, {
      action: before ? 'incident.rule_changed' : 'incident.rule_added',
      entityType: 'incident-rule',
      entityId: data.key,
      before: before ? { definition: before.definition, active: before.active } : null,
      after: { definition: def, active: data.active, customised },
    });
    return { key: data.key, customised };
  });
}

export type RulePreview = { applies: boolean; conditionText: string; deadlineText: string; obligation: Obligation | null; sample: string };

/** What a rule (as typed, before saving) would say about a sample or a real incident. Writes nothing. */
export async function previewNotificationRule(actor: Actor, input: z.input<typeof rulePreviewSchema>): Promise<RulePreview> {
  authorize(actor, 'incidents:read');
  const data = parseOrThrow(rulePreviewSchema, input, 'notification rule');
  const def = ruleInputToDefinition(data);
  const rule: Rule = { ...def, key: data.key };
  const others = (await activeNotificationRules(actor)).filter((r) => r.key !== rule.key);
  checkReferences(def, rule.key, new Set(others.map((r) => r.key)));
  let facts = SAMPLE_INCIDENT_FACTS;
  let sample = 'the built-in sample incident';
  let sent: { ruleKey: string; notifiedAt: string; recipient: string; reference: string }[] = [];
  if (data.incidentId) {
    const inc = await db.incident.findFirst({
      where: { id: data.incidentId, orgId: actor.orgId },
      select: {
        title: true, detectedAt: true, awareAt: true, classifiedAt: true, materiality: true, materialityDeterminedAt: true, nearMiss: true, peopleAffected: true,
        dataCategories: true, entityRoles: true, notificationFlags: true, residents: true,
        systems: { select: { riskTier: true, regions: true, domain: true } },
        notifications: { select: { ruleKey: true, notifiedAt: true, recipient: true, reference: true } },
      },
    });
    if (!inc) throw notFound('The incident');
    facts = incidentFactsFrom(inc, inc.notifications);
    sent = inc.notifications.map((n) => ({ ...n, notifiedAt: n.notifiedAt.toISOString() }));
    sample = `the incident “${inc.title}”`;
  }
  // Alone, so a shorter rule of the same group does not hide it.
  const obligation = obligations([rule], facts, sent, new Date())[0] ?? null;
  return { applies: obligation !== null, conditionText: describeCondition(rule.appliesWhen), deadlineText: describeDeadline(rule, [rule, ...others]), obligation, sample };
}
