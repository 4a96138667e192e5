import 'server-only';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { logUnexpected, notFound, toPublicError } from '@/lib/errors';
import { listFindings } from '@/lib/audits/findings/queries';
import { createFinding } from '@/lib/audits/findings/mutations';
import { getIncident, listIncidents } from '@/lib/incidents/queries';
import { addTimelineEntry } from '@/lib/incidents/mutations';
import { STATUSES, severitySchema } from '@/lib/incidents/schema';
import { exportModelCard, getGate, getModel, getVersion } from '@/lib/models/queries';
import { getRequirement, listRequirements, matrixSummary } from '@/lib/requirements/queries';
import { recordReview } from '@/lib/requirements/mutations';
import { getReview } from '@/lib/reviews/queries';
import { listAlerts } from '@/lib/monitoring/queries';
import { actOnAlert } from '@/lib/monitoring/mutations';
import { ALERT_KINDS, ALERT_LEVELS, ALERT_STATUSES } from '@/lib/monitoring/schema';
import { renderStatement, summaryPrompt, unblockPrompt } from './text';

export const MCP_SERVER_NAME = 'ai-governance-portal';

/**
 * Whether the caller may ever use a permission: held everywhere, or on what
 * they own. A write tool is listed only then; the mutation still decides for
 * the record at hand.
 */
function mayUse(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || actor.grants.any.includes(permission) || actor.grants.own.includes(permission);
}

function json(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** The domain's refusal or validation message, as the REST API gives it; never internals. */
function failure(error: unknown, context: string): CallToolResult {
  logUnexpected(error, context);
  const pub = toPublicError(error);
  const fields = pub.fieldErrors ? Object.entries(pub.fieldErrors).map(([f, m]) => `${f}: ${m.join('; ')}`) : [];
  const text = [`${pub.code}: ${pub.message}`, ...fields].join('\n');
  return { isError: true, content: [{ type: 'text', text }] };
}

/** Runs one tool: every call goes through the same lib function (and so the same gate) as the UI. */
function run<A>(name: string, fn: (args: A) => Promise<unknown>) {
  return async (args: A): Promise<CallToolResult> => {
    try {
      return json(await fn(args));
    } catch (error) {
      return failure(error, `mcp ${name}`);
    }
  };
}

const page = z.number().int().min(1).max(10_000).optional().describe('Page number, from 1');
const id = z.string().min(1).max(100);

/**
 * An MCP server acting as `actor` (an API token). Its tools, resources and
 * prompts are the portal's own queries and mutations; write tools are listed
 * only for tokens whose scopes allow them, and every event they write is
 * marked "via MCP" in the audit trail.
 */
export function createMcpServer(base: Actor): McpServer {
  const actor: Actor = { ...base, request: { ...base.request, via: 'mcp' } };
  const server = new McpServer({ name: MCP_SERVER_NAME, version: '1.0.0' }, { capabilities: { logging: {} } });
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;
  const write = { readOnlyHint: false, destructiveHint: false, openWorldHint: false } as const;

  if (mayUse(actor, 'requirements:read')) {
    server.registerTool(
      'search_requirements',
      {
        title: 'Search requirements',
        description: 'Requirements of the library, filtered by text, framework key, or overdue review. Paginated (50 a page).',
        inputSchema: { q: z.string().max(200).optional(), framework: z.string().max(100).optional().describe('Framework key, e.g. eu-ai-act'), overdue: z.boolean().optional(), page },
        annotations: readOnly,
      },
      run('search_requirements', (a: { q?: string; framework?: string; overdue?: boolean; page?: number }) =>
        listRequirements(actor, { q: a.q, framework: a.framework, overdue: a.overdue, page: a.page }),
      ),
    );
    server.registerTool(
      'get_requirement',
      {
        title: 'Show a requirement',
        description: 'One requirement with its statement, owner, review dates, control status, crosswalk and recent reviews.',
        inputSchema: { id },
        annotations: readOnly,
      },
      run('get_requirement', (a: { id: string }) => getRequirement(actor, a.id)),
    );
    server.registerTool(
      'matrix_posture',
      {
        title: 'Matrix posture',
        description: 'Completion of the requirements matrix (cells assessed, compliant, non-compliant) overall, per framework and per AI system; narrow by framework key and/or system id.',
        inputSchema: { framework: z.string().max(100).optional(), systemId: id.optional() },
        annotations: readOnly,
      },
      run('matrix_posture', async (a: { framework?: string; systemId?: string }) => {
        const summary = await matrixSummary(actor, { framework: a.framework });
        if (!a.systemId) return summary;
        const system = summary.bySystem.find((s) => s.id === a.systemId);
        if (!system) throw notFound('The AI system (or the frameworks that apply to it)');
        return { system, byFramework: summary.byFramework, requirements: summary.requirements };
      }),
    );
  }

  if (mayUse(actor, 'models:read')) {
    server.registerTool(
      'model_versions',
      {
        title: 'Model versions and their gate',
        description: 'Every version of a model (key or id) with its stage and whether the promotion gate lets it deploy, with the reasons when not.',
        inputSchema: { model: z.string().min(1).max(100) },
        annotations: readOnly,
      },
      run('model_versions', async (a: { model: string }) => {
        const m = await getModel(actor, a.model);
        const versions = await Promise.all(
          m.versions.map(async (v) => ({ ...v, gate: await getGate(actor, m.key, v.label) })),
        );
        return { key: m.key, name: m.name, system: m.system, owner: m.owner, versions };
      }),
    );
    server.registerTool(
      'version_gate',
      {
        title: 'Why a version can or cannot be promoted',
        description: 'The next stage of one version, the unmet conditions for it and for production, its checks and sign-offs.',
        inputSchema: { model: z.string().min(1).max(100), version: z.string().min(1).max(100) },
        annotations: readOnly,
      },
      run('version_gate', async (a: { model: string; version: string }) => {
        const v = await getVersion(actor, a.model, a.version);
        return { model: v.model.key, version: v.label, stage: v.stage, next: v.next, nextReasons: v.nextReasons, productionReasons: v.productionReasons, checks: v.checks, signOffs: v.signOffs, cardMissing: v.cardMissing };
      }),
    );
  }

  if (mayUse(actor, 'audits:read')) {
    server.registerTool(
      'open_findings',
      {
        title: 'Open findings',
        description: 'Findings not yet closed (open, in remediation, awaiting verification), soonest due first; optionally only overdue ones or one severity.',
        inputSchema: { severity: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']).optional(), overdue: z.boolean().optional(), page },
        annotations: readOnly,
      },
      run('open_findings', (a: { severity?: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW'; overdue?: boolean; page?: number }) =>
        listFindings(actor, { status: 'ACTIVE', severity: a.severity, overdue: a.overdue ? 'true' : undefined, page: a.page }),
      ),
    );
  }

  if (mayUse(actor, 'audits:read') || mayUse(actor, 'requirements:read')) {
    server.registerTool(
      'overdue_work',
      {
        title: 'Overdue work',
        description: 'Findings past their due date and requirements past their review date (the parts this token may read).',
        inputSchema: {},
        annotations: readOnly,
      },
      run('overdue_work', async () => ({
        findings: mayUse(actor, 'audits:read') ? await listFindings(actor, { status: 'ACTIVE', overdue: 'true', pageSize: 100 }) : null,
        requirementReviews: mayUse(actor, 'requirements:read') ? await listRequirements(actor, { overdue: true, pageSize: 100 }) : null,
      })),
    );
  }

  if (mayUse(actor, 'incidents:read')) {
    server.registerTool(
      'list_incidents',
      {
        title: 'Incidents',
        description: 'Incidents, most recently detected first, each with the response clocks that are overdue.',
        inputSchema: {
          status: z.enum(STATUSES).optional(),
          severity: severitySchema.optional(),
          page,
        },
        annotations: readOnly,
      },
      run('list_incidents', (a: { status?: (typeof STATUSES)[number]; severity?: z.infer<typeof severitySchema>; page?: number }) =>
        listIncidents(actor, { status: a.status, severity: a.severity, page: a.page }),
      ),
    );
    server.registerTool(
      'get_incident',
      {
        title: 'Show an incident',
        description: 'One incident with its timeline, response clocks (acknowledge, contain, resolve) and regulatory notification clocks.',
        inputSchema: { id },
        annotations: readOnly,
      },
      run('get_incident', (a: { id: string }) => getIncident(actor, a.id)),
    );
  }

  if (mayUse(actor, 'reviews:read')) {
    server.registerTool(
      'review_figures',
      {
        title: "A quarterly review's figures",
        description: 'The figures of a quarterly review (frozen when it was closed, live while open), its decisions and action items.',
        inputSchema: { quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Use YYYY-Qn, e.g. 2026-Q4') },
        annotations: readOnly,
      },
      run('review_figures', (a: { quarter: string }) => getReview(actor, a.quarter)),
    );
  }

  if (mayUse(actor, 'reviews:record')) {
    server.registerTool(
      'record_requirement_review',
      {
        title: 'Record a requirement review',
        description: 'Attest that a requirement was reviewed (the owner, or compliance); the next due date follows its cadence.',
        inputSchema: {
          requirementId: id,
          outcome: z.enum(['CONFIRMED', 'CHANGES_NEEDED', 'NOT_APPLICABLE']),
          notes: z.string().max(4000).optional(),
          reviewedOn: z.string().optional().describe('YYYY-MM-DD, defaults to today'),
        },
        annotations: write,
      },
      run('record_requirement_review', (a: { requirementId: string; outcome: 'CONFIRMED' | 'CHANGES_NEEDED' | 'NOT_APPLICABLE'; notes?: string; reviewedOn?: string }) => recordReview(actor, a)),
    );
  }

  if (mayUse(actor, 'findings:raise')) {
    server.registerTool(
      'raise_finding',
      {
        title: 'Raise a finding',
        description: 'Raise a finding (self-identified unless an audit is named), optionally linked to requirements, systems or model versions.',
        inputSchema: {
          title: z.string().max(200),
          description: z.string().max(10_000),
          severity: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
          auditId: id.optional(),
          remediationPlan: z.string().max(10_000).optional(),
          dueDate: z.string().optional().describe('YYYY-MM-DD; omit for the default of the severity'),
          requirementIds: z.array(id).max(50).optional(),
          systemIds: z.array(id).max(50).optional(),
          modelVersionIds: z.array(id).max(50).optional(),
        },
        annotations: write,
      },
      run('raise_finding', async (a: Parameters<typeof createFinding>[1]) => {
        const f = await createFinding(actor, { ...a, source: a.auditId ? 'AUDIT' : 'SELF_IDENTIFIED' });
        return { id: f.id };
      }),
    );
  }

  if (mayUse(actor, 'incidents:update')) {
    server.registerTool(
      'add_incident_timeline_entry',
      {
        title: 'Add an incident timeline entry',
        description: 'Record what was done on an incident and when (not in the future).',
        inputSchema: { incidentId: id, at: z.string().describe('ISO 8601 time, e.g. 2026-12-01T09:30:00Z'), text: z.string().max(4000) },
        annotations: write,
      },
      run('add_incident_timeline_entry', (a: { incidentId: string; at: string; text: string }) => addTimelineEntry(actor, { id: a.incidentId, at: a.at, text: a.text })),
    );
  }

  if (mayUse(actor, 'monitoring:read')) {
    server.registerTool(
      'monitoring_alerts',
      {
        title: 'Monitoring alerts',
        description: 'Drift, performance and fairness alerts of the models in production, newest first: level, status, value against threshold, the model version, and whether you may acknowledge or resolve each.',
        inputSchema: {
          status: z.enum([...ALERT_STATUSES, 'UNRESOLVED'] as const).optional().describe('UNRESOLVED: open or acknowledged'),
          level: z.enum(ALERT_LEVELS).optional(),
          kind: z.enum(ALERT_KINDS).optional(),
          page,
        },
        annotations: readOnly,
      },
      run('monitoring_alerts', (a: { status?: (typeof ALERT_STATUSES)[number] | 'UNRESOLVED'; level?: (typeof ALERT_LEVELS)[number]; kind?: (typeof ALERT_KINDS)[number]; page?: number }) =>
        listAlerts(actor, { status: a.status, level: a.level, kind: a.kind, page: a.page }),
      ),
    );
  }

  if (mayUse(actor, 'monitoring:write')) {
    server.registerTool(
      'acknowledge_monitoring_alert',
      {
        title: 'Acknowledge or resolve a monitoring alert',
        description: 'Acknowledge an open alert (someone is looking at it) or resolve it, with a note. Engineers may act on alerts of models they own.',
        inputSchema: { alertId: id, action: z.enum(['acknowledge', 'resolve']).default('acknowledge'), note: z.string().min(1).max(4000) },
        annotations: write,
      },
      run('acknowledge_monitoring_alert', (a: { alertId: string; action?: 'acknowledge' | 'resolve'; note: string }) => actOnAlert(actor, a.alertId, { action: a.action ?? 'acknowledge', note: a.note })),
    );
  }

  if (mayUse(actor, 'models:read')) {
    server.registerResource(
      'model-card',
      new ResourceTemplate('model-card://{model}/{version}', { list: undefined }),
      { title: 'Model card', description: 'The model card of one version, as Markdown', mimeType: 'text/markdown' },
      async (uri, vars) => {
        const text = await exportModelCard(actor, String(vars.model), String(vars.version), 'md');
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: String(text) }] };
      },
    );
    server.registerPrompt(
      'explain_promotion_block',
      {
        title: 'Explain why this version cannot be promoted',
        description: 'Explains, from the gate\'s own reasons, why a model version cannot move to its next stage or to production, and what would unblock it.',
        argsSchema: { model: z.string().min(1).max(100), version: z.string().min(1).max(100) },
      },
      async ({ model, version }) => {
        const v = await getVersion(actor, model, version);
        return { messages: [{ role: 'user', content: { type: 'text', text: unblockPrompt(v) } }] };
      },
    );
  }

  if (mayUse(actor, 'requirements:read')) {
    server.registerResource(
      'regulation-text',
      new ResourceTemplate('requirement://{id}/text', { list: undefined }),
      { title: 'Regulation text of a requirement', description: 'The statement of a requirement as the framework words it', mimeType: 'text/plain' },
      async (uri, vars) => {
        const r = await getRequirement(actor, String(vars.id));
        const text = [`${r.framework.name} — ${r.ref}: ${r.title}`, '', r.summary ?? '', '', renderStatement(r.statement)].join('\n').trim();
        return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
      },
    );
  }

  if (mayUse(actor, 'reviews:read')) {
    server.registerPrompt(
      'quarterly_review_summary',
      {
        title: 'Prepare the quarterly review summary',
        description: 'Drafts the summary of a quarterly governance review from its figures, decisions and action items.',
        argsSchema: { quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Use YYYY-Qn, e.g. 2026-Q4') },
      },
      async ({ quarter }) => {
        const review = await getReview(actor, quarter);
        return { messages: [{ role: 'user', content: { type: 'text', text: summaryPrompt(quarter, review) } }] };
      },
    );
  }

  return server;
}
