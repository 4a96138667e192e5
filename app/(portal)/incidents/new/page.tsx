import type { Metadata } from 'next';
import { ReportIncidentForm } from '@/components/incidents/report-form';
import { schemaHints } from '@/components/ui/form';
import { reportIncidentSchema } from '@/lib/incidents/schema';
import { Card, PageHeader } from '@/components/ui/card';
import { authorize } from '@/lib/auth/gate';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Report an incident' };

export default async function NewIncidentPage() {
  const actor = await requireActor();
  await loadPage(async () => authorize(actor, 'incidents:report'));
  return (
    <>
      <PageHeader title="Report an incident" description="Say what happened and answer the decision tree; the severity, response clocks and any regulatory deadlines follow from your answers." />
      <Card>
        <ReportIncidentForm hints={schemaHints(reportIncidentSchema)} />
      </Card>
    </>
  );
}
