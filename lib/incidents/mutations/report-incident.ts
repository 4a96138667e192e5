import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { publishEvent } from '@/lib/events/publish';
import { inTransaction, type Tx } from '@/lib/db';
import { factsUpdate, reportedFacts } from '../rules/facts';
import { DEFAULT_ENTITY_ROLES, reportIncidentSchema, type ReportIncidentInput } from '../schema';
import { assessSeverity, type TreeAnswers } from '../severity';
import { addEntry } from './lock-incident';
import { invalid, noFutureFacts, notInFuture } from './checks';

const NO_FACTS = { dataCategories: [], entityRoles: [], notificationFlags: [], residents: null, awareAt: null, classifiedAt: null, materiality: 'NOT_ASSESSED' as const, materialityDeterminedAt: null };

/** `outer`: another domain's transaction (the monitoring alert that opens it commits with it or not at all). */
export async function reportIncident(actor: Actor, input: ReportIncidentInput, outer?: Tx) {
  authorize(actor, 'incidents:report');
  const data = reportIncidentSchema.parse(input);
  notInFuture(data.detectedAt, 'detectedAt', 'The detection time');
  const facts = reportedFacts(data, DEFAULT_ENTITY_ROLES);
  // Ticking "significant" or "major" on the report classifies the incident now, as on an update.
  const times = noFutureFacts(
    factsUpdate(NO_FACTS, { notificationFlags: facts.notificationFlags, awareAt: data.awareAt, classifiedAt: data.classifiedAt, materiality: data.materiality, materialityDeterminedAt: data.materialityDeterminedAt }, new Date()).times,
  );
  return inTransaction(outer, async (tx) => {
    const orgId = actor.orgId;
    const systems = data.systemIds.length
      ? await tx.aISystem.findMany({ where: { orgId, id: { in: data.systemIds } }, select: { id: true } })
      : [];
    const unknownSystems = data.systemIds.filter((id) => !systems.some((s) => s.id === id));
    if (unknownSystems.length) throw invalid('systemIds', `Unknown AI system: ${unknownSystems.join(', ')}.`);

    const models = data.modelIds.length || data.modelKeys.length
      ? await tx.model.findMany({
          where: { orgId, OR: [{ id: { in: data.modelIds } }, { key: { in: data.modelKeys } }] },
          select: { id: true, key: true, systemId: true },
        })
      : [];
    const unknownModels = [
      ...data.modelIds.filter((id) => !models.some((m) => m.id === id)),
      ...data.modelKeys.filter((key) => !models.some((m) => m.key === key)),
    ];
    if (unknownModels.length) throw invalid('modelIds', `Unknown model: ${unknownModels.join(', ')}.`);

    const versions = data.versionIds.length
      ? await tx.modelVersion.findMany({ where: { orgId, id: { in: data.versionIds } }, select: { id: true, modelId: true, model: { select: { systemId: true } } } })
      : [];
    const unknownVersions = data.versionIds.filter((id) => !versions.some((v) => v.id === id));
    if (unknownVersions.length) throw invalid('versionIds', `Unknown model version: ${unknownVersions.join(', ')}.`);

    // A model implies its AI system; a version implies its model.
    const modelIds = new Set([...models.map((m) => m.id), ...versions.map((v) => v.modelId)]);
    const systemIds = new Set([...systems.map((s) => s.id), ...models.map((m) => m.systemId), ...versions.map((v) => v.model.systemId)]);

    const answers: TreeAnswers = {
      death: data.death,
      seriousHarm: data.seriousHarm,
      criticalInfrastructure: data.criticalInfrastructure,
      personalDataExposed: facts.personalData,
      specialCategoryData: facts.specialCategory,
      protectedGroupAffected: data.protectedGroup,
      fundamentalRights: data.fundamentalRights,
      widespread: data.widespread,
      ongoingImpact: data.ongoingImpact,
      peopleAffected: data.peopleAffected ?? 0,
      nearMiss: data.nearMiss,
    };
    const outcome = assessSeverity(answers);
    const created = await tx.incident.create({
      data: {
        orgId,
        title: data.title,
        description: data.description,
        type: data.type,
        detectedAt: data.detectedAt,
        reportedById: actor.userId,
        peopleAffected: data.peopleAffected ?? null,
        protectedGroup: data.protectedGroup,
        personalData: facts.personalData,
        healthData: facts.healthData,
        dataCategories: facts.dataCategories,
        entityRoles: facts.entityRoles,
        notificationFlags: facts.notificationFlags,
        residents: data.residents ?? undefined,
        materiality: data.materiality ?? 'NOT_ASSESSED',
        ...times,
        nearMiss: data.nearMiss,
        treeAnswers: { answers, reasons: outcome.reasons },
        treeSeverity: outcome.severity,
        severity: outcome.severity,
        systems: { connect: [...systemIds].map((id) => ({ id })) },
        models: { connect: [...modelIds].map((id) => ({ id })) },
        versions: { connect: versions.map((v) => ({ id: v.id })) },
      },
      select: { id: true, title: true, severity: true, status: true, type: true, detectedAt: true, nearMiss: true },
    });
    await addEntry(tx, actor, created.id, new Date(), `Reported by ${actor.name}. Decision tree: ${outcome.severity} (${outcome.reasons.join('; ')}).`);
    await recordEvent(tx, actor, {
      action: 'incident.reported',
      entityType: 'incident',
      entityId: created.id,
      after: {
        title: created.title,
        type: created.type,
        severity: created.severity,
        detectedAt: created.detectedAt.toISOString(),
        nearMiss: created.nearMiss,
        systemIds: [...systemIds],
        modelIds: [...modelIds],
        versionIds: versions.map((v) => v.id),
        treeAnswers: answers,
        dataCategories: facts.dataCategories,
        entityRoles: facts.entityRoles,
        notificationFlags: facts.notificationFlags,
        residents: data.residents ?? null,
      },
    });
    await publishEvent(tx, actor, { type: 'incident.reported', entity: { type: 'incident', id: created.id }, data: { title: created.title, type: created.type, severity: created.severity, detectedAt: created.detectedAt.toISOString(), nearMiss: created.nearMiss } });
    return { ...created, detectedAt: created.detectedAt.toISOString() };
  });
}
