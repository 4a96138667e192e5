import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { formatMinutes, SeverityBadge } from '@/components/incidents/badges';
import { RuleEditor } from '@/components/incidents/rule-editor';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, schemaHints, TextField } from '@/components/ui/form';
import { incidentsCapabilities } from '@/lib/incidents/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { loadShippedRulesAction, saveResponseTargetAction } from '@/lib/incidents/actions';
import { listIncidents, listNotificationRules, responseTargets } from '@/lib/incidents/queries';
import { notificationRuleInputSchema, rulePreviewSchema } from '@/lib/incidents/rules/input';

export const metadata: Metadata = { title: 'Incident targets and notification rules' };

const TEMPLATE = JSON.stringify(
  {
    name: 'Breach notice to affected residents',
    jurisdiction: 'US-NJ',
    citation: 'N.J. Stat. § 56:8-163',
    sourceUrl: 'https://example.org/the-law',
    recipient: 'Affected New Jersey residents',
    appliesWhen: { kind: 'all', of: [{ kind: 'residents', in: ['US-NJ'], atLeast: 1 }, { kind: 'data', any: ['GOVERNMENT_ID', 'FINANCIAL_ACCOUNT'] }, { kind: 'not', of: { kind: 'flag', flag: 'dataEncrypted' } }] },
    promptness: 'mostExpedient',
    limits: [{ start: { event: 'awareness' }, within: { amount: 30, unit: 'calendarDays' } }],
    draft: [{ label: 'What happened', from: 'description' }],
  },
  null,
  2,
);

export default async function IncidentSettingsPage() {
  const actor = await requireActor();
  const [targets, set, incidents] = await loadPage(() => Promise.all([responseTargets(actor), listNotificationRules(actor), listIncidents(actor, { pageSize: 50 })]));
  const admin = incidentsCapabilities(actor).manageSettings;
  const definitions = Object.fromEntries(set.rules.map(({ key, active: _a, stored: _s, customised: _c, libraryVersion: _l, shipped: _sh, conflict: _co, conditionText: _ct, deadlineText: _dt, ...def }) => [key, JSON.stringify(def, null, 2)]));
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/incidents">← Incidents</Link></p>
      <PageHeader title="Response targets and notification rules" description="Targets are counted from detection. Notification rules are data in a small rule language: when a rule applies, what starts its clock, how long it runs, to whom, and the law that says so." />
      <Card title="Response targets per severity" className="mb-6">
        <Table caption="Response targets">
          <thead>
            <tr><Th>Severity</Th><Th>Acknowledge within</Th><Th>Contain within</Th><Th>Resolve within</Th>{admin ? <Th>Change (minutes)</Th> : null}</tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {targets.map((t) => (
              <tr key={t.severity}>
                <Td><SeverityBadge severity={t.severity} /></Td>
                <Td>{formatMinutes(t.ackMinutes)}</Td>
                <Td>{formatMinutes(t.containMinutes)}</Td>
                <Td>{formatMinutes(t.resolveMinutes)}</Td>
                {admin ? (
                  <Td>
                    <ActionForm action={saveResponseTargetAction} submit="Save" label={`${t.severity} targets`} variant="secondary" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="severity" value={t.severity} />
                      <TextField id={`${t.severity}-ack`} label="Ack" name="ackMinutes" type="number" min={1} defaultValue={t.ackMinutes} className="w-24" />
                      <TextField id={`${t.severity}-contain`} label="Contain" name="containMinutes" type="number" min={1} defaultValue={t.containMinutes} className="w-24" />
                      <TextField id={`${t.severity}-resolve`} label="Resolve" name="resolveMinutes" type="number" min={1} defaultValue={t.resolveMinutes} className="w-28" />
                    </ActionForm>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      <Card title="Regulatory notification rules">
        <p className="mb-3 text-sm" data-testid="rules-library">
          Shipped rules: version {set.shippedVersion}.{' '}
          {set.stored ? `Your organisation’s copies: version ${set.loadedVersion ?? '—'}.` : 'Your organisation uses the shipped rules as they are.'}
          {set.missing.length ? ` Not yet loaded: ${set.missing.join(', ')}.` : ''}
        </p>
        {set.conflicts.length ? (
          <ul className="mb-3 list-disc pl-5 text-sm text-amber-900" data-testid="rule-conflicts">
            {set.conflicts.map((c) => (
              <li key={c.key}><code>{c.key}</code>: {c.reason}</li>
            ))}
          </ul>
        ) : null}
        {admin ? (
          <div className="mb-4 max-w-xl">
            <ActionForm action={loadShippedRulesAction} schema={z.object({})} submit={set.stored ? 'Reload the shipped rules' : 'Load the shipped rules'} label="Shipped notification rules" variant="secondary">
              <p className="text-xs text-slate-600">Adds new shipped rules and updates those you have not edited; your edits are kept and listed as conflicts.</p>
            </ActionForm>
          </div>
        ) : null}
        <Table caption="Notification rules">
          <thead>
            <tr><Th>Rule</Th><Th>Law</Th><Th>To</Th><Th>Deadline</Th><Th>Applies when</Th><Th>Status</Th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {set.rules.map((r) => (
              <tr key={r.key} data-testid={`rule-${r.key}`}>
                <Td><code className="text-xs">{r.key}</code><div>{r.name}</div><div className="text-xs text-slate-600">{r.jurisdiction}</div></Td>
                <Td>{r.sourceUrl ? <a href={r.sourceUrl} rel="noreferrer noopener" target="_blank">{r.citation}</a> : r.citation}</Td>
                <Td>{r.recipient}</Td>
                <Td>{r.deadlineText}</Td>
                <Td className="text-xs">{r.conditionText}</Td>
                <Td>
                  {r.active ? <Badge tone="good">Active</Badge> : <Badge>Inactive</Badge>}{' '}
                  {r.customised ? <Badge tone="warn">Edited</Badge> : r.shipped ? <Badge>Shipped</Badge> : <Badge tone="info">Own</Badge>}
                  {r.conflict ? <Badge tone="bad">Conflict</Badge> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {admin ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">Add or change a rule (same key replaces it)</summary>
            <div className="mt-2 max-w-3xl">
              <RuleEditor definitions={definitions} incidents={incidents.items.map((i) => ({ id: i.id, title: i.title }))} template={TEMPLATE} hints={{ rule: schemaHints(notificationRuleInputSchema), preview: schemaHints(rulePreviewSchema) }} />
            </div>
          </details>
        ) : null}
      </Card>
    </>
  );
}
