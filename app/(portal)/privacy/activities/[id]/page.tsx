import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityFields } from '@/components/privacy/activity-fields';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { updateActivityAction } from '@/lib/privacy/actions';
import { getProcessingActivity } from '@/lib/privacy/activities/queries';
import { activityFormSchema, LEGAL_BASIS_LABELS, SAFEGUARD_LABELS } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Processing activity' };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium">{label}</dt>
      <dd className="whitespace-pre-wrap">{children || '—'}</dd>
    </div>
  );
}

export default async function ActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const a = await loadPage(getProcessingActivity(actor, id));
  return (
    <>
      <PageHeader title={a.name} description="Record of processing (GDPR Art. 30(1))" />
      <p className="mb-4 text-sm"><Link href="/privacy/activities">← Records of processing</Link></p>
      <div className="mb-4">{a.complete ? <Badge tone="good">Complete</Badge> : <Badge tone="warn">Missing: {a.missing.join(', ')}</Badge>}</div>
      <Card title="Record">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <Row label="Role">{a.role.replace('_', ' ').toLowerCase()}</Row>
          <Row label="Controller">{[a.controllerName, a.contact].filter(Boolean).join(', ')}</Row>
          <Row label="Purposes and legal basis">{a.purposes.map((p) => `${p.purpose}: ${LEGAL_BASIS_LABELS[p.legalBasis]}${p.art9Condition ? `, Art. 9(2)(${p.art9Condition})` : ''}`).join('\n')}</Row>
          <Row label="Categories of data subjects">{a.subjectCategories.join('; ')}</Row>
          <Row label="Categories of personal data">{[...a.dataCategories, ...(a.specialCategories ? ['special categories (Art. 9)'] : [])].join('; ')}</Row>
          <Row label="Recipients">{a.recipients.join('; ')}</Row>
          <Row label="Transfers to third countries">{a.transfers.length ? a.transfers.map((t) => `${t.country}: ${SAFEGUARD_LABELS[t.safeguard]}`).join('\n') : 'None'}</Row>
          <Row label="Retention">{a.retention}</Row>
          <Row label="Security measures">{a.securityMeasures}</Row>
          <Row label="AI systems">{a.systems.join('; ')}</Row>
          <Row label="Datasets">{a.datasets.join('; ')}</Row>
          <Row label="Last updated"><LocalTime iso={a.updatedAt} /></Row>
        </dl>
      </Card>
      {a.capabilities.edit ? (
        <Card title="Edit" className="mt-6">
          <ActionForm action={updateActivityAction} schema={activityFormSchema} fields={{ id: a.id }} label="Edit the processing activity" submit="Save changes" resetOnSuccess={false}>
            <ActivityFields idPrefix="edit" values={a} />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
