import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, TextField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { updateReminderRuleAction } from '@/lib/notifications/actions';
import { listReminderRules } from '@/lib/notifications/rule-settings';
import { updateRuleSchema } from '@/lib/notifications/rules';

export const metadata: Metadata = { title: 'Notification rules' };

export default async function NotificationRulesPage() {
  const actor = await requireActor();
  const rules = await loadPage(listReminderRules(actor));

  return (
    <>
      <PageHeader
        title="Notification rules"
        description="The reminders the portal sends before and at due dates, for the whole organisation. The reminder job runs every hour; each reminder is sent once per record, due date and stage. Every change is recorded in the audit trail."
      />
      <div className="grid gap-4 lg:grid-cols-2">
        {rules.map((rule) => (
          <Card key={rule.key} title={rule.label} actions={rule.fixed ? <Badge tone="warn">Always on</Badge> : rule.enabled ? <Badge tone="good">On</Badge> : <Badge>Off</Badge>}>
            <p className="mb-3 text-sm text-slate-700">{rule.description}</p>
            {rule.fixed ? (
              <p className="text-sm text-slate-700">Required for regulatory deadlines: it cannot be turned off, and people cannot mute it.</p>
            ) : (
              <ActionForm action={updateReminderRuleAction} schema={updateRuleSchema} label={`${rule.label} rule`} fields={{ key: rule.key }} submit="Save rule" resetOnSuccess={false}>
                <CheckboxField name="enabled" label="Send these reminders" defaultChecked={rule.enabled} value="on" />
                {rule.leadLabel ? (
                  <TextField
                    name="leadDays"
                    label={rule.leadLabel}
                    defaultValue={rule.leadDays.join(', ')}
                    hint={`Whole days, separated by commas (default ${rule.defaultLeadDays.join(', ')}).`}
                    className="mt-3"
                  />
                ) : null}
              </ActionForm>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
