import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { CHECK_LABELS } from '../fairness';
import { mitigationSchema, thresholdsSchema } from '../schema';
import { findVersion, snapshotOf } from '../snapshot';
import { lockVersion } from './checks';

export async function acceptMitigation(actor: Actor, modelRef: string, versionRef: string, input: { attribute: string; check: string; mitigation: string }) {
  authorize(actor, 'models:promote');
  const data = mitigationSchema.parse(input);
  if (!actor.userId) throw forbidden('Accepting a mitigation is personal: sign in to do it.');
  return db.$transaction(async (tx) => {
    const row = await findVersion(tx, actor.orgId, modelRef, versionRef);
    if (row.createdById === actor.userId) throw forbidden('You created this version, so you cannot accept mitigations for it.');
    await lockVersion(tx, row.id);
    if (!['DRAFT', 'VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'].includes(row.stage)) throw new AppError('CONFLICT', `Version ${row.label} is already ${row.stage}.`);
    const check = snapshotOf(row).checks.find((c) => c.attribute === data.attribute && c.check === data.check);
    if (!check) throw new AppError('VALIDATION', `There are no fairness results for ${data.attribute}.`, { fieldErrors: { attribute: ['No results for this attribute'] } });
    if (check.passed) throw new AppError('CONFLICT', `${CHECK_LABELS[data.check]} for ${data.attribute} passes; there is nothing to accept.`);
    await tx.fairnessMitigation.upsert({
      where: { versionId_attribute_check: { versionId: row.id, attribute: data.attribute, check: data.check } },
      create: { versionId: row.id, attribute: data.attribute, check: data.check, mitigation: data.mitigation, approverId: actor.userId! },
      update: { mitigation: data.mitigation, approverId: actor.userId!, acceptedAt: new Date() },
    });
    await recordEvent(tx, actor, {
      action: 'model.fairness_mitigation_accepted',
      entityType: 'model_version',
      entityId: row.id,
      after: { attribute: data.attribute, check: data.check, value: check.value, threshold: check.threshold, mitigation: data.mitigation },
    });
    return { attribute: data.attribute, check: data.check };
  });
}

export async function setFairnessThresholds(actor: Actor, input: { systemId: string; maxParityDifference: number; minDisparateImpact: number; maxOpportunityDifference: number }) {
  authorize(actor, 'models:promote');
  const data = thresholdsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, name: true, fairnessThreshold: true } });
    if (!system) throw notFound('The AI system');
    const values = { maxParityDifference: data.maxParityDifference, minDisparateImpact: data.minDisparateImpact, maxOpportunityDifference: data.maxOpportunityDifference };
    await tx.fairnessThreshold.upsert({
      where: { systemId: system.id },
      create: { orgId: actor.orgId, systemId: system.id, ...values, setById: actor.userId },
      update: { ...values, setById: actor.userId },
    });
    const before = system.fairnessThreshold;
    await recordEvent(tx, actor, {
      action: 'model.fairness_thresholds_set',
      entityType: 'ai_system',
      entityId: system.id,
      before: before ? { maxParityDifference: before.maxParityDifference, minDisparateImpact: before.minDisparateImpact, maxOpportunityDifference: before.maxOpportunityDifference } : undefined,
      after: values,
    });
    return { systemId: system.id, ...values };
  });
}
