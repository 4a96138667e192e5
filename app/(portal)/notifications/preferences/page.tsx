import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, RadioGroup } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { updateNotificationPreferencesAction } from '@/lib/notifications/actions';
import { DIGEST_LABELS, DIGEST_MODES } from '@/lib/notifications/kinds';
import { getNotificationPreferences } from '@/lib/notifications/queries';

export const metadata: Metadata = { title: 'Notification preferences' };

export default async function NotificationPreferencesPage() {
  const actor = await requireActor();
  const prefs = await loadPage(getNotificationPreferences(actor));

  return (
    <>
      <PageHeader
        title="Notification preferences"
        description="Choose, for each kind of event, whether it appears in your inbox and whether you get it by e-mail, and how e-mails reach you. These are your own settings; nobody else can change them."
        actions={<Link href="/notifications" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm no-underline">Back to notifications</Link>}
      />
      <Card>
        <ActionForm action={updateNotificationPreferencesAction} label="Notification preferences" submit="Save preferences" resetOnSuccess={false}>
          <RadioGroup
            name="digest"
            label="E-mail delivery"
            defaultValue={prefs.digest}
            options={DIGEST_MODES.map((m) => ({ value: m, label: DIGEST_LABELS[m] }))}
            hint="Required notifications are always e-mailed at once, whatever you choose here."
          />
          <div className="mt-6 space-y-4">
            {prefs.preferences.map((p) => (
              <fieldset key={p.kind} className="rounded-md border border-slate-200 px-4 py-3" data-testid={`pref-${p.kind}`}>
                <legend className="px-1 text-sm font-semibold">
                  {p.label} {p.mandatory ? <Badge tone="warn">Required</Badge> : null}
                </legend>
                {p.mandatory ? (
                  <p className="text-sm text-slate-700">
                    Always delivered to your inbox and by e-mail: regulatory deadlines cannot be muted.
                  </p>
                ) : (
                  <div className="flex flex-wrap gap-6">
                    <CheckboxField name={`inbox.${p.kind}`} label="In my inbox" defaultChecked={p.inbox} value="on" />
                    <CheckboxField name={`email.${p.kind}`} label="By e-mail" defaultChecked={p.email} value="on" />
                  </div>
                )}
              </fieldset>
            ))}
          </div>
        </ActionForm>
      </Card>
    </>
  );
}
