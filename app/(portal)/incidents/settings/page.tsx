import type { Metadata } from 'next';
import Link from 'next/link';
import { formatMinutes, SeverityBadge } from '@/components/incidents/badges';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { ActionForm, SelectField, TextField } from '@/components/ui/form';
import { can } from '@/lib/auth/gate';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { saveNotificationRuleAction, saveResponseTargetAction } from '@/lib/incidents/actions';
import { FACTS, FACT_KEYS } from '@/lib/incidents/clocks';
import { notificationRules, responseTargets } from '@/lib/incidents/queries';

export const metadata: Metadata = { title: 'Incident targets and notification rules' };

export default async function IncidentSettingsPage() {
  const actor = await requireActor();
  const [targets, rules] = await loadPage(() => Promise.all([responseTargets(actor), notificationRules(actor)]));
  const admin = can(actor, 'settings:manage');
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/incidents">← Incidents</Link></p>
      <PageHeader title="Response targets and notification rules" description="Targets are counted from detection. Notification rules are data: a rule applies when all its “when all” facts and at least one “when any” fact hold; within a group the shortest applicable deadline counts." />
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
        <Table caption="Notification rules">
          <thead>
            <tr><Th>Rule</Th><Th>Regulation</Th><Th>To</Th><Th>Deadline</Th><Th>When all</Th><Th>When any</Th><Th>Group</Th><Th>Active</Th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rules.map((r) => (
              <tr key={r.key} data-testid={`rule-${r.key}`}>
                <Td><code className="text-xs">{r.key}</code><div>{r.name}</div></Td>
                <Td>{r.regulation}</Td>
                <Td>{r.recipient}</Td>
                <Td>{r.hours % 24 === 0 ? `${r.hours / 24} days` : `${r.hours} hours`}</Td>
                <Td>{r.whenAll.join(', ') || '—'}</Td>
                <Td>{r.whenAny.join(', ') || '—'}</Td>
                <Td>{r.group}</Td>
                <Td>{r.active ? <Badge tone="good">Yes</Badge> : <Badge>No</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="mt-3 text-xs text-slate-600">Facts: {FACT_KEYS.map((f) => `${f} (${FACTS[f]})`).join('; ')}.</p>
        {admin ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">Add or change a rule (same key replaces it)</summary>
            <ActionForm action={saveNotificationRuleAction} submit="Save rule" label="Notification rule" className="mt-2 grid gap-3 md:grid-cols-2">
              <TextField id="rule-key" label="Key" name="key" required placeholder="e.g. state-breach-law" />
              <TextField id="rule-name" label="Name" name="name" required />
              <TextField id="rule-regulation" label="Regulation" name="regulation" required />
              <TextField id="rule-recipient" label="Notify" name="recipient" required />
              <TextField id="rule-hours" label="Deadline (hours after awareness)" name="hours" type="number" min={1} required />
              <TextField id="rule-group" label="Group" name="group" required />
              <TextField id="rule-all" label="When all (comma-separated facts)" name="whenAll" placeholder="personalData, inUs" />
              <TextField id="rule-any" label="When any (comma-separated facts)" name="whenAny" />
              <SelectField id="rule-active" label="Active" name="active" options={[{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }]} />
            </ActionForm>
          </details>
        ) : null}
      </Card>
    </>
  );
}
