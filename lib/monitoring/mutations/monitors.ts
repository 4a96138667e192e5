import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { defaultDriftMethod } from '../drift';
import { createMonitorSchema, updateMonitorSchema, type CreateMonitorInput, type UpdateMonitorInput } from '../schema';

/**
 * A monitor for a model version. Without explicit metrics it watches the
 * version's documented metrics with thresholds (overall and per group of
 * every protected attribute its fairness results name), with the validation
 * value as baseline, plus the system's fairness thresholds per group
 * (disparate impact ≥ min, parity difference ≤ max).
 */
export async function createMonitor(actor: Actor, input: CreateMonitorInput) {
  const data = createMonitorSchema.parse(input);
  return db.$transaction(async (tx) => {
    const version = await tx.modelVersion.findFirst({
      where: { id: data.versionId, orgId: actor.orgId },
      select: {
        id: true,
        label: true,
        metrics: { select: { name: true, value: true, threshold: true, direction: true } },
        groupResults: { select: { attribute: true } },
        model: { select: { ownerId: true, system: { select: { fairnessThreshold: { select: { minDisparateImpact: true, maxParityDifference: true } } } } } },
      },
    });
    if (!version) throw notFound('The model version');
    authorize(actor, 'monitoring:write', { ownerIds: [version.model.ownerId] });
    if (await tx.monitor.findUnique({ where: { versionId: version.id }, select: { id: true } })) throw new AppError('CONFLICT', 'This version already has a monitor.');
    const attributes = data.groupAttributes ?? [...new Set(version.groupResults.map((g) => g.attribute))];
    const fairness = version.model.system.fairnessThreshold ?? { minDisparateImpact: 0.8, maxParityDifference: 0.1 };
    const metrics =
      data.metrics?.map((m) => ({ ...m, baseline: m.baseline ?? null, fairness: m.fairness ?? m.attribute !== '' })) ??
      [
        ...version.metrics
          .filter((m) => m.threshold !== null)
          .flatMap((m) => ['', ...attributes].map((attribute) => ({ name: m.name, attribute, direction: m.direction, threshold: m.threshold!, warningRatio: 0.8, baseline: attribute ? null : m.value, fairness: attribute !== '' }))),
        ...attributes.flatMap((attribute) => [
          { name: 'disparate_impact', attribute, direction: 'AT_LEAST' as const, threshold: fairness.minDisparateImpact, warningRatio: 0.8, baseline: null, fairness: true },
          { name: 'parity_difference', attribute, direction: 'AT_MOST' as const, threshold: fairness.maxParityDifference, warningRatio: 0.8, baseline: null, fairness: true },
        ]),
      ];
    const unknown = metrics.filter((m) => m.attribute && !attributes.includes(m.attribute));
    if (unknown.length) throw new AppError('VALIDATION', `Metric attribute not among groupAttributes: ${unknown.map((m) => m.attribute).join(', ')}`, { fieldErrors: { metrics: ['Use an attribute listed in groupAttributes'] } });
    const features = data.features.map((f) => {
      const rows = 'counts' in f.reference ? f.reference.counts.reduce((s, c) => s + c, 0) : Object.values(f.reference.categories).reduce((s, c) => s + c, 0);
      if ('edges' in f.reference && f.reference.edges.length !== f.reference.counts.length + 1) throw new AppError('VALIDATION', `Feature "${f.name}": a histogram needs one more edge than counts.`, { fieldErrors: { features: [`${f.name}: one more edge than counts`] } });
      if ('edges' in f.reference && f.reference.edges.some((e, i, all) => i > 0 && e <= all[i - 1])) throw new AppError('VALIDATION', `Feature "${f.name}": the edges must increase.`, { fieldErrors: { features: [`${f.name}: edges must increase`] } });
      if ((f.kind === 'NUMERIC') !== 'edges' in f.reference) throw new AppError('VALIDATION', `Feature "${f.name}": a numeric feature needs { edges, counts }, a categorical one { categories }.`, { fieldErrors: { features: [`${f.name}: reference does not match its kind`] } });
      const d = defaultDriftMethod(f.kind, rows);
      return { name: f.name, kind: f.kind, role: f.role, method: f.method ?? d.method, threshold: f.threshold ?? (f.method && f.method !== d.method ? (['KS', 'CHI_SQUARE'].includes(f.method) ? 0.05 : f.method === 'PSI' ? 0.2 : 0.1) : d.threshold), reference: f.reference };
    });
    const created = await tx.monitor.create({
      data: {
        orgId: actor.orgId,
        versionId: version.id,
        groupAttributes: attributes,
        cadenceHours: data.cadenceHours,
        missingAfterHours: data.missingAfterHours,
        escalateAfterDays: data.escalateAfterDays,
        reviewer: data.reviewer,
        reviewCadence: data.reviewCadence,
        createdById: actor.userId,
        metrics: { create: metrics },
        features: { create: features },
      },
      select: { id: true, versionId: true },
    });
    await recordEvent(tx, actor, { action: 'monitoring.monitor_created', entityType: 'monitor', entityId: created.id, after: { versionId: version.id, groupAttributes: attributes, metrics: metrics.length, features: features.map((f) => `${f.name}:${f.method}`), missingAfterHours: data.missingAfterHours, escalateAfterDays: data.escalateAfterDays } });
    return { id: created.id, versionId: created.versionId, metrics: metrics.length, features: features.length };
  });
}

/** A monitor's plan settings (cadence, missing data, escalation, reviewer) and, optionally, one metric's warning ratio. */
export async function updateMonitor(actor: Actor, input: UpdateMonitorInput) {
  const data = updateMonitorSchema.parse(input);
  return db.$transaction(async (tx) => {
    const m = await tx.monitor.findFirst({
      where: { orgId: actor.orgId, OR: [{ id: data.id }, { versionId: data.id }] },
      select: { id: true, versionId: true, cadenceHours: true, missingAfterHours: true, escalateAfterDays: true, reviewer: true, reviewCadence: true, version: { select: { model: { select: { ownerId: true } } } } },
    });
    if (!m) throw notFound('The monitor');
    authorize(actor, 'monitoring:write', { ownerIds: [m.version.model.ownerId] });
    const settings = { cadenceHours: data.cadenceHours, missingAfterHours: data.missingAfterHours, escalateAfterDays: data.escalateAfterDays, reviewer: data.reviewer, reviewCadence: data.reviewCadence };
    await tx.monitor.update({ where: { id: m.id }, data: settings });
    let metric: { name: string; attribute: string; before: number; after: number } | null = null;
    if (data.metric !== '' && data.warningRatio !== '') {
      const [name, attribute = ''] = data.metric.split('|');
      const spec = await tx.monitorMetric.findUnique({ where: { monitorId_name_attribute: { monitorId: m.id, name, attribute } }, select: { id: true, warningRatio: true } });
      if (!spec) throw new AppError('VALIDATION', 'This monitor does not watch that metric.', { fieldErrors: { metric: ['Choose a metric this monitor watches'] } });
      await tx.monitorMetric.update({ where: { id: spec.id }, data: { warningRatio: data.warningRatio } });
      metric = { name, attribute, before: spec.warningRatio, after: data.warningRatio };
    }
    const { id: _id, versionId: _v, version: _version, ...before } = m;
    await recordEvent(tx, actor, { action: 'monitoring.monitor_updated', entityType: 'monitor', entityId: m.id, before, after: { ...settings, ...(metric ? { metric } : {}) } });
    return { id: m.id, versionId: m.versionId };
  });
}
