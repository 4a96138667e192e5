import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { createFinding } from '@/lib/audits/findings/mutations';
import { reportIncident } from '@/lib/incidents/mutations';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { atlas, techniqueLabel } from '../atlas';
import { completeRedTeamExerciseSchema, createRedTeamExerciseSchema, openRedTeamIncidentSchema, recordRedTeamResultSchema, type CreateRedTeamExerciseInput, type OpenRedTeamIncidentInput, type RecordRedTeamResultInput } from './schema';

// Red-team exercises: planned against a system (and a version), results per
// ATLAS technique; a successful attack raises a finding (source RED_TEAM)
// through the findings domain's createFinding, in the same transaction.

const invalid = (field: string, message: string) => new AppError('VALIDATION', `${field}: ${message}`, { fieldErrors: { [field]: [message] } });

async function systemOwners(tx: Tx, orgId: string, systemId: string) {
  const s = await tx.aISystem.findFirst({ where: { id: systemId, orgId }, select: { name: true, businessOwnerId: true, technicalOwnerId: true } });
  return s ? { name: s.name, ownerIds: [s.businessOwnerId, s.technicalOwnerId].filter((x): x is string => !!x) } : null;
}

export async function createRedTeamExercise(actor: Actor, input: CreateRedTeamExerciseInput) {
  const d = createRedTeamExerciseSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await systemOwners(tx, actor.orgId, d.systemId);
    if (!system) throw invalid('systemId', 'Unknown AI system in this organisation');
    authorize(actor, 'threats:manage', { ownerIds: system.ownerIds });
    if (d.versionId && !(await tx.modelVersion.findFirst({ where: { id: d.versionId, orgId: actor.orgId, model: { systemId: d.systemId } }, select: { id: true } }))) {
      throw invalid('versionId', 'Choose a version of one of this system’s models');
    }
    const lib = atlas();
    const unknown = d.techniqueIds.find((t) => !lib.techniques.has(t));
    if (unknown) throw invalid('techniqueIds', `${unknown} is not a technique in ATLAS ${lib.version}`);
    let retest: { id: string; techniqueId: string } | null = null;
    if (d.retestOfId) {
      retest = await tx.redTeamTechnique.findFirst({ where: { id: d.retestOfId, exercise: { orgId: actor.orgId, systemId: d.systemId } }, select: { id: true, techniqueId: true } });
      if (!retest) throw invalid('retestOfId', 'Unknown result to retest for this system');
    }
    const techniqueIds = [...new Set([...d.techniqueIds, ...(retest ? [retest.techniqueId] : [])])];
    const e = await tx.redTeamExercise.create({
      data: {
        orgId: actor.orgId, title: d.title, systemId: d.systemId, versionId: d.versionId ?? null, team: d.team, firm: d.team === 'EXTERNAL' ? d.firm : null, scope: d.scope, createdById: actor.userId,
        techniques: { create: techniqueIds.map((techniqueId) => ({ techniqueId, retestOfId: retest && retest.techniqueId === techniqueId ? retest.id : null })) },
      },
      select: { id: true },
    });
    await recordEvent(tx, actor, { action: 'red_team.planned', entityType: 'red-team-exercise', entityId: e.id, before: null, after: { title: d.title, systemId: d.systemId, versionId: d.versionId ?? null, team: d.team, firm: d.firm ?? null, techniqueIds, retestOfId: retest?.id ?? null } });
    return e;
  });
}

async function lockExercise(tx: Tx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "RedTeamExercise" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The red-team exercise');
  const e = await tx.redTeamExercise.findUniqueOrThrow({ where: { id }, select: { id: true, title: true, systemId: true, versionId: true, completedAt: true } });
  const system = (await systemOwners(tx, actor.orgId, e.systemId))!;
  authorize(actor, 'threats:manage', { ownerIds: system.ownerIds });
  return { ...e, systemName: system.name };
}

/** Records one technique's result; a success raises a RED_TEAM finding (once). */
export async function recordRedTeamResult(actor: Actor, input: RecordRedTeamResultInput, exerciseId?: string) {
  const d = recordRedTeamResultSchema.parse(input);
  return db.$transaction(async (tx) => {
    const t = await tx.redTeamTechnique.findFirst({ where: { id: d.id, exercise: { orgId: actor.orgId } }, select: { id: true, exerciseId: true, techniqueId: true, result: true, findingId: true } });
    if (!t || (exerciseId && t.exerciseId !== exerciseId)) throw notFound('The planned technique');
    const e = await lockExercise(tx, actor, t.exerciseId);
    if (e.completedAt) throw new AppError('CONFLICT', 'The exercise is completed: plan a retest to test the technique again.');
    let findingId = t.findingId;
    if (d.result === 'SUCCEEDED' && !findingId) {
      const label = techniqueLabel(atlas(), t.techniqueId);
      const finding = await createFinding(
        actor,
        {
          title: `Red team: ${label} succeeded against ${e.systemName}`.slice(0, 200),
          description: `Exercise "${e.title}": ${d.evidence}`,
          severity: 'HIGH',
          source: 'RED_TEAM',
          systemIds: [e.systemId],
          modelVersionIds: e.versionId ? [e.versionId] : [],
        },
        tx,
      );
      findingId = finding.id;
    }
    await tx.redTeamTechnique.update({ where: { id: t.id }, data: { result: d.result, evidence: d.evidence, testedAt: new Date(), findingId } });
    await recordEvent(tx, actor, { action: 'red_team.result_recorded', entityType: 'red-team-exercise', entityId: e.id, changes: { techniqueId: t.techniqueId, result: { from: t.result, to: d.result }, findingId }, reason: d.evidence || null });
    return { id: t.id, exerciseId: e.id, result: d.result, findingId };
  });
}

/** Completes the exercise once every planned technique has a result; the gate reads completed exercises. */
export async function completeRedTeamExercise(actor: Actor, input: { id: string }) {
  const d = completeRedTeamExerciseSchema.parse(input);
  return db.$transaction(async (tx) => {
    const e = await lockExercise(tx, actor, d.id);
    if (e.completedAt) throw new AppError('CONFLICT', 'The exercise is already completed.');
    const untested = await tx.redTeamTechnique.count({ where: { exerciseId: e.id, result: 'PLANNED' } });
    if (untested) throw new AppError('CONFLICT', `${untested} planned technique${untested === 1 ? ' has' : 's have'} no result yet.`);
    const at = new Date();
    await tx.redTeamExercise.update({ where: { id: e.id }, data: { completedAt: at } });
    await recordEvent(tx, actor, { action: 'red_team.completed', entityType: 'red-team-exercise', entityId: e.id, changes: { completedAt: at.toISOString() } });
    return { id: e.id, completedAt: at.toISOString() };
  });
}

/**
 * Opens an incident from a successful technique, through the incident
 * domain's own reportIncident in the same transaction (type adversarial
 * attack, the exercise's system and version, detected when the result was
 * recorded); once per result. Needs incidents:report as well.
 */
export async function openIncidentFromRedTeam(actor: Actor, input: OpenRedTeamIncidentInput, exerciseId?: string) {
  const d = openRedTeamIncidentSchema.parse(input);
  return db.$transaction(async (tx) => {
    const t = await tx.redTeamTechnique.findFirst({ where: { id: d.id, exercise: { orgId: actor.orgId } }, select: { id: true, exerciseId: true, techniqueId: true, result: true, evidence: true, testedAt: true, findingId: true, incidentId: true } });
    if (!t || (exerciseId && t.exerciseId !== exerciseId)) throw notFound('The planned technique');
    const e = await lockExercise(tx, actor, t.exerciseId);
    if (t.result !== 'SUCCEEDED') throw new AppError('CONFLICT', 'Only a successful attack can open an incident.');
    const fresh = await tx.redTeamTechnique.findUniqueOrThrow({ where: { id: t.id }, select: { incidentId: true } });
    if (fresh.incidentId) throw new AppError('CONFLICT', 'This result has already opened an incident.');
    const label = techniqueLabel(atlas(), t.techniqueId);
    const incident = await reportIncident(
      actor,
      {
        title: `Red team: ${label} succeeded against ${e.systemName}`.slice(0, 200),
        description: [`Exercise "${e.title}", technique ${t.techniqueId}.`, t.evidence, d.note ?? ''].filter(Boolean).join('\n\n'),
        type: 'ADVERSARIAL_ATTACK',
        detectedAt: (t.testedAt ?? new Date()).toISOString(),
        systemIds: [e.systemId],
        versionIds: e.versionId ? [e.versionId] : [],
        nearMiss: d.nearMiss,
      },
      tx,
    );
    await tx.redTeamTechnique.update({ where: { id: t.id }, data: { incidentId: incident.id } });
    await recordEvent(tx, actor, { action: 'red_team.incident_opened', entityType: 'red-team-exercise', entityId: e.id, changes: { techniqueId: t.techniqueId, resultId: t.id, incidentId: incident.id, findingId: t.findingId } });
    return { id: t.id, exerciseId: e.id, incidentId: incident.id };
  });
}
