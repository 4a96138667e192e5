import { shippedRules } from '@/lib/incidents/rules/shipped';
import { RULE_KEYS } from '@/lib/notifications/rules';
import type { ApiHarness } from './harness';

type Params = Record<string, string>;
const CAP = 30;

/**
 * Real path parameters for every templated /api/v1 path: each record of the
 * kind the route serves (every evidence kind, finding state, model stage…),
 * up to CAP of each. A path missing here fails the walk, so a new route
 * cannot slip through untested.
 */
export async function recordParams(h: Pick<ApiHarness, 'db'>): Promise<Record<string, Params[]>> {
  const { db } = h;
  const ids = (rows: { id: string }[]) => rows.map((r) => ({ id: r.id }));
  const take = CAP;
  const [versions, reviews] = await Promise.all([
    db.modelVersion.findMany({ take, orderBy: { stage: 'asc' }, select: { id: true, label: true, model: { select: { key: true, id: true } } } }),
    db.quarterlyReview.findMany({ take, select: { quarter: true } }),
  ]);
  const models = [...new Map(versions.map((v) => [v.model.key, v.model])).values()];
  const incidents = await db.incident.findMany({ take: 3, orderBy: { severity: 'asc' }, select: { id: true } });
  // Organisations without their own rules use the shipped ones.
  const stored = await db.incidentNotificationRule.findMany({ take: 20, select: { key: true } });
  const rules = stored.length ? stored : shippedRules().rules.map((r) => ({ key: r.key }));
  const monitors = await db.monitor.findMany({ take, select: { id: true, versionId: true } });
  const risks = ids(await db.risk.findMany({ take, orderBy: { status: 'asc' }, select: { id: true } }));
  const threatModels = ids(await db.threatModel.findMany({ take, select: { id: true } }));
  const subjectRequests = ids(await db.subjectRequest.findMany({ take, orderBy: { status: 'asc' }, select: { id: true } }));
  const privacyTasks = await db.privacyTask.findMany({ take, where: { requestId: { not: null } }, select: { id: true, requestId: true } });
  const privacyAssessments = ids(await db.privacyAssessment.findMany({ take, orderBy: { status: 'desc' }, select: { id: true } }));
  const redTeams = ids(await db.redTeamExercise.findMany({ take, select: { id: true } }));
  const evidenceRequests = ids(await db.evidenceRequest.findMany({ take, select: { id: true } }));
  return {
    '/api/v1/action-items/{id}': ids(await db.actionItem.findMany({ take, select: { id: true } })),
    '/api/v1/ai-systems/{id}': ids(await db.aISystem.findMany({ take, select: { id: true } })),
    '/api/v1/ai-systems/{id}/frameworks': ids(await db.aISystem.findMany({ take, select: { id: true } })),
    '/api/v1/risks/{id}/tasks/{taskId}': (await db.riskTask.findMany({ take, select: { id: true, riskId: true } })).map((t) => ({ id: t.riskId, taskId: t.id })),
    '/api/v1/ai-systems/{id}/raci': ids(await db.aISystem.findMany({ take, select: { id: true } })),
    '/api/v1/governance/committee/members/{userId}': (await db.committeeMember.findMany({ take, select: { userId: true } })).map((m) => ({ userId: m.userId })),
    '/api/v1/ai-systems/{id}/technical-documentation': ids(await db.aISystem.findMany({ take, select: { id: true } })),
    '/api/v1/ai-systems/{id}/technical-documentation/export': ids(await db.aISystem.findMany({ take: 3, orderBy: { riskTier: 'asc' }, select: { id: true } })),
    '/api/v1/audits/{id}': ids(await db.audit.findMany({ take, select: { id: true } })),
    '/api/v1/audits/{id}/evidence-pack': ids(await db.audit.findMany({ take, select: { id: true } })),
    '/api/v1/audits/{id}/oscal': ids(await db.audit.findMany({ take, select: { id: true } })),
    '/api/v1/audits/{id}/report': ids(await db.audit.findMany({ take: 3, select: { id: true } })),
    '/api/v1/controls/{id}': ids(await db.control.findMany({ take, select: { id: true } })),
    '/api/v1/crosswalk/{id}': ids(await db.crosswalkMapping.findMany({ take, where: { removedAt: null }, select: { id: true } })),
    '/api/v1/datasets/{id}': ids(await db.dataset.findMany({ take, select: { id: true } })),
    '/api/v1/evidence/{id}': ids(await db.evidence.findMany({ take: 100, select: { id: true } })),
    '/api/v1/evidence/{id}/download': ids(await db.evidence.findMany({ take: 100, select: { id: true } })),
    '/api/v1/evidence/{id}/withdraw': ids(await db.evidence.findMany({ take, select: { id: true } })),
    '/api/v1/vendor-documents/{id}/download': ids(await db.vendorDocument.findMany({ take, select: { id: true } })),
    '/api/v1/evidence/requests/{id}/review': evidenceRequests,
    '/api/v1/findings/{id}': ids(await db.finding.findMany({ take: 100, select: { id: true } })),
    '/api/v1/findings/{id}/comments': ids(await db.finding.findMany({ take, select: { id: true } })),
    '/api/v1/findings/{id}/risk-acceptance': ids(await db.finding.findMany({ take, select: { id: true } })),
    '/api/v1/findings/{id}/transitions': ids(await db.finding.findMany({ take, select: { id: true } })),
    '/api/v1/frameworks/{id}': ids(await db.framework.findMany({ take, select: { id: true } })),
    // Custom frameworks export; shipped ones answer 422.
    '/api/v1/frameworks/{id}/oscal': ids(await db.framework.findMany({ take, orderBy: { isCustom: 'desc' }, select: { id: true } })),
    '/api/v1/imports/{id}': ids(await db.importBatch.findMany({ take, select: { id: true } })),
    '/api/v1/imports/{id}/confirm': ids(await db.importBatch.findMany({ take, select: { id: true } })),
    '/api/v1/incidents/{id}': ids(await db.incident.findMany({ take: 100, select: { id: true } })),
    '/api/v1/incidents/{id}/notifications/{ruleKey}/draft': incidents.flatMap((i) => rules.map((r) => ({ id: i.id, ruleKey: r.key }))),
    '/api/v1/notifications/{id}/read': ids(await db.notification.findMany({ take, select: { id: true } })),
    '/api/v1/notification-rules/{key}': RULE_KEYS.map((key) => ({ key })),
    ...Object.fromEntries(
      ['', '/windows', '/rows', '/evidently', '/plan'].map((tail) => [`/api/v1/monitoring/monitors/{id}${tail}`, monitors.flatMap((m) => [{ id: m.id }, { id: m.versionId }])]),
    ),
    '/api/v1/monitoring/alerts/{id}': ids(await db.monitorAlert.findMany({ take, select: { id: true } })),
    '/api/v1/mappings/{id}': ids(await db.controlMapping.findMany({ take, select: { id: true } })),
    // The Statements of Applicability: a 404 where the framework is not loaded is a valid answer too.
    '/api/v1/reports/soa/{framework}': [{ framework: 'iso-27001' }, { framework: 'iso-42001' }],
    '/api/v1/reports/soa/{framework}/export': [{ framework: 'iso-27001' }],
    '/api/v1/requirements/{id}': ids(await db.requirement.findMany({ take, select: { id: true } })),
    '/api/v1/requirements/{id}/reviews': ids(await db.requirement.findMany({ take, select: { id: true } })),
    ...Object.fromEntries(['', '/acceptance', '/reviews', '/close', '/tasks'].map((tail) => [`/api/v1/risks/{id}${tail}`, risks])),
    ...Object.fromEntries(['', '/entries'].map((tail) => [`/api/v1/threat-models/{id}${tail}`, threatModels])),
    ...Object.fromEntries(['', '/complete'].map((tail) => [`/api/v1/red-team-exercises/{id}${tail}`, redTeams])),
    ...Object.fromEntries(await Promise.all(['', '/incident'].map(async (tail) => [
      `/api/v1/red-team-exercises/{id}/techniques/{techniqueId}${tail}`,
      (await db.redTeamTechnique.findMany({ take, orderBy: { result: 'desc' }, select: { id: true, exerciseId: true } })).map((t) => ({ id: t.exerciseId, techniqueId: t.id })),
    ]))),
    '/api/v1/threat-models/{id}/entries/{entryId}': (await db.threatEntry.findMany({ take, select: { id: true, threatModelId: true } })).map((e) => ({ id: e.threatModelId, entryId: e.id })),
    ...Object.fromEntries(
      ['', '/start-verification', '/verify', '/confirm-receipt', '/extend', '/refuse', '/complete', '/export'].map((tail) => [`/api/v1/privacy/requests/{id}${tail}`, subjectRequests]),
    ),
    ...Object.fromEntries(['/pdf', '/evidence'].map((tail) => [`/api/v1/privacy/assessments/{id}${tail}`, privacyAssessments])),
    '/api/v1/privacy/requests/{id}/tasks/{taskId}/complete': privacyTasks.flatMap((t) => (t.requestId ? [{ id: t.requestId, taskId: t.id }] : [])),
    '/api/v1/reviews/{quarter}': reviews.map((r) => ({ quarter: r.quarter })),
    '/api/v1/reviews/{quarter}/action-items.csv': reviews.map((r) => ({ quarter: r.quarter })),
    '/api/v1/reviews/{quarter}/pdf': reviews.map((r) => ({ quarter: r.quarter })),
    '/api/v1/tokens/{id}': ids(await db.apiToken.findMany({ take, select: { id: true } })),
    '/api/v1/tokens/{id}/rotate': ids(await db.apiToken.findMany({ take, select: { id: true } })),
    '/api/v1/users/{id}': ids(await db.user.findMany({ take, select: { id: true } })),
    '/api/v1/vendors/{id}': ids(await db.vendor.findMany({ take, select: { id: true } })),
    '/api/v1/vendors/{id}/questionnaires': ids(await db.vendor.findMany({ take, select: { id: true } })),
    '/api/v1/models/{model}': models.flatMap((m) => [{ model: m.key }, { model: m.id }]),
    '/api/v1/models/{model}/rollback': models.map((m) => ({ model: m.key })),
    '/api/v1/models/{model}/versions': models.map((m) => ({ model: m.key })),
    ...Object.fromEntries(
      ['', '/attestation', '/bom', '/card', '/fairness', '/gate', '/mitigations', '/sign-offs', '/stage', '/vulnerability-scans'].map((tail) => [
        `/api/v1/models/{model}/versions/{version}${tail}`,
        versions.map((v) => ({ model: v.model.key, version: v.label })),
      ]),
    ),
  };
}

/** Values a path parameter must refuse with a 4xx: unknown, control characters, over-long. */
export const BAD_PARAM_VALUES = ['does-not-exist', 'a\u0000b', 'x'.repeat(5000), '../../etc/passwd', '2026-Q9'];
