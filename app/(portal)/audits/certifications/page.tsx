import type { Metadata } from 'next';
import { AuditsNav } from '@/components/audits/audits-nav';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { ActionForm, Combobox, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { createCertificationAction } from '@/lib/audits/certifications/actions';
import { listAudits } from '@/lib/audits/audits/queries';
import { listCertifications } from '@/lib/audits/certifications/queries';
import { AUDIT_STANDARDS, STANDARD_LABELS } from '@/lib/audits/audits/schema';
import { auditWorkspaceCapabilities } from '@/lib/audits/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Certifications' };

export default async function CertificationsPage() {
  const actor = await requireActor();
  const certs = await loadPage(listCertifications(actor));
  const manage = auditWorkspaceCapabilities(actor).manageAudits;
  const audits = manage ? (await loadPage(listAudits(actor, { pageSize: 200 }))).items : [];

  return (
    <>
      <PageHeader title="Certifications" description="Certifications and attestations held. Those expiring within 90 days are flagged here and on the home page." />
      <AuditsNav current="/audits/certifications" />
      {certs.length === 0 ? (
        <EmptyState title="No certifications recorded" />
      ) : (
        <Table caption="Certifications" columns={['Certification', 'Issuer', 'Scope', 'Issued', 'Expires', 'Audit and report']}>
          {certs.map((c) => (
            <tr key={c.id} data-testid="cert-row">
              <Td>
                <div className="font-medium">{c.name}</div>
                <div className="text-xs text-slate-600">{STANDARD_LABELS[c.standard]}</div>
              </Td>
              <Td>{c.issuer}</Td>
              <Td className="max-w-xs">{c.scope}</Td>
              <Td><LocalTime iso={c.issuedAt} dateOnly /></Td>
              <Td>
                <LocalTime iso={c.expiresAt} dateOnly />{' '}
                {c.expired ? <Badge tone="bad">Expired</Badge> : c.expiringSoon ? <Badge tone="warn">Expires in {c.daysLeft} days</Badge> : null}
              </Td>
              <Td>
                {c.audit ? <a href={`/audits/${c.audit.id}`}>{c.audit.title}</a> : '—'}
                {c.reportEvidence ? <div><a href={`/api/v1/evidence/${c.reportEvidence.id}/download`}>Report</a></div> : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {manage ? (
        <Card title="Record a certification" className="mt-6">
          <ActionForm action={createCertificationAction} label="Record a certification" submit="Record certification">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="Name" name="name" required />
              <SelectField label="Standard" name="standard" options={AUDIT_STANDARDS.map((s) => ({ value: s, label: STANDARD_LABELS[s] }))} />
              <TextField label="Issuer" name="issuer" required />
              <SelectField label="Linked audit" name="auditId" options={[{ value: '', label: 'None' }, ...audits.map((a) => ({ value: a.id, label: a.title }))]} />
              <TextField label="Issued on" name="issuedAt" type="date" required />
              <TextField label="Expires on" name="expiresAt" type="date" required />
              <TextAreaField label="Scope" name="scope" rows={2} required className="md:col-span-2" />
              <Combobox source="evidence" label="Report evidence" name="reportEvidenceId" hint="Optional: upload the report as evidence first, then find it here by its title." />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
