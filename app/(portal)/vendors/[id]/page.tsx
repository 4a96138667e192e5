import type { Metadata } from 'next';
import Link from 'next/link';
import { SendQuestionnaireForm } from '@/components/vendors/send-questionnaire-form';
import { schemaHints } from '@/components/ui/form';
import { sendQuestionnaireSchema } from '@/lib/vendors/schema';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, CheckboxGroup, ConfirmAction, DateField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { enumLabel } from '@/lib/format';
import { addCertificationAction, addContractAction, markVendorReviewedAction, removeContractAction, setVendorTierAction, updateVendorAction } from '@/lib/vendors/actions';
import { getVendor, vendorFormOptions } from '@/lib/vendors/queries';
import { addCertificationSchema, addContractSchema, CATEGORY_LABELS, CERTIFICATION_KINDS, CERTIFICATION_LABELS, CLASSIFICATIONS, CONTRACT_LABELS, CONTRACT_TYPES, updateVendorSchema, VENDOR_CATEGORIES } from '@/lib/vendors/schema';
import { TIER_QUESTIONS } from '@/lib/vendors/tier';

export const metadata: Metadata = { title: 'Vendor' };

const STATE_TONE = { valid: 'good', expiring: 'warn', expired: 'bad', 'no-expiry': 'neutral' } as const;
const STATE_TEXT = { valid: 'valid', expiring: 'expires within 30 days', expired: 'expired', 'no-expiry': 'no expiry date' } as const;

export default async function VendorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const [v, options] = await loadPage(() => Promise.all([getVendor(actor, id), vendorFormOptions(actor)]));
  const caps = v.capabilities;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/vendors">← Vendors</Link></p>
      <PageHeader
        title={v.name}
        description={<>{CATEGORY_LABELS[v.category]} · risk tier {v.riskTier ? <Badge tone={v.riskTier === 'CRITICAL' ? 'bad' : v.riskTier === 'HIGH' ? 'warn' : 'neutral'}>{enumLabel(v.riskTier)}</Badge> : 'not set'}</>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Overview">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium">Services</dt><dd className="whitespace-pre-line">{v.services}</dd>
            <dt className="font-medium">Data shared</dt><dd className="whitespace-pre-line">{v.dataShared ?? '—'} ({enumLabel(v.dataClassification)})</dd>
            <dt className="font-medium">Contact</dt><dd>{v.contactName ?? '—'} {v.contactEmail ? <>&lt;{v.contactEmail}&gt;</> : null}</dd>
            <dt className="font-medium">Website</dt><dd>{v.website ? <a href={v.website} rel="noopener noreferrer">{v.website}</a> : '—'}</dd>
            <dt className="font-medium">Subprocessors</dt><dd>{v.subprocessors.length ? v.subprocessors.join(', ') : '—'}</dd>
            <dt className="font-medium">AI systems</dt><dd>{v.systems.length ? v.systems.map((s) => s.name).join(', ') : '—'}</dd>
            <dt className="font-medium">Models</dt><dd>{v.models.length ? v.models.map((m) => <Link key={m.id} href={`/models/${m.key}`} className="mr-2">{m.name}</Link>) : '—'}</dd>
            <dt className="font-medium">Datasets</dt><dd>{v.datasets.length ? v.datasets.map((d) => d.name).join(', ') : '—'}</dd>
            <dt className="font-medium">Owner</dt><dd>{v.owner?.name ?? '—'}</dd>
            <dt className="font-medium">Review</dt>
            <dd>every {v.reviewCadenceMonths} months · last {v.lastReviewedAt ? <LocalTime iso={v.lastReviewedAt} dateOnly /> : 'never'} · next {v.nextReviewAt ? <LocalTime iso={v.nextReviewAt} dateOnly /> : '—'}</dd>
          </dl>
          {caps.edit ? (
            <div className="mt-4">
              <ActionForm action={markVendorReviewedAction} label="Record the periodic review" submit="Record review done today" variant="secondary" fields={{ id: v.id }} />
            </div>
          ) : null}
        </Card>
        <Card title="Risk tier">
          {caps.edit ? (
            <ActionForm action={setVendorTierAction} label="Risk tiering" submit="Compute tier" fields={{ id: v.id }} resetOnSuccess={false}>
              {TIER_QUESTIONS.map((q) => <CheckboxField key={q.key} label={q.text} name={q.key} defaultChecked={v.tierAnswers[q.key] === true} />)}
            </ActionForm>
          ) : (
            <ul className="list-disc pl-5 text-sm">
              {TIER_QUESTIONS.filter((q) => v.tierAnswers[q.key]).map((q) => <li key={q.key}>{q.text}</li>)}
              {TIER_QUESTIONS.every((q) => !v.tierAnswers[q.key]) ? <li>No tiering answers yet.</li> : null}
            </ul>
          )}
        </Card>
      </div>

      <Card title="Contracts" className="mt-6">
        {v.contracts.length ? (
          <Table caption="Contracts" columns={['Type', 'Reference', 'Signed', 'Expires', 'State', ...(caps.edit ? [''] : [])]}>
            {v.contracts.map((c) => (
              <tr key={c.id}>
                <Td>{CONTRACT_LABELS[c.type]}</Td>
                <Td>{c.reference ?? '—'}</Td>
                <Td><LocalTime iso={c.signedAt} dateOnly /></Td>
                <Td><LocalTime iso={c.expiresAt} dateOnly /></Td>
                <Td><Badge tone={STATE_TONE[c.state]}>{STATE_TEXT[c.state]}</Badge></Td>
                {caps.edit ? (
                  <Td>
                    <ConfirmAction action={removeContractAction} fields={{ vendorId: v.id, itemId: c.id }} label={`Remove ${c.type}`} title={`Remove the ${CONTRACT_LABELS[c.type]}?`} body="The contract is removed from this vendor; the audit trail keeps the record." confirmLabel="Remove" />
                  </Td>
                ) : null}
              </tr>
            ))}
          </Table>
        ) : <EmptyState title="No contracts recorded" />}
        {caps.edit ? (
          <ActionForm action={addContractAction} schema={addContractSchema} label="Add a contract" submit="Add contract" fields={{ vendorId: v.id }} className="mt-4 grid gap-4 md:grid-cols-4">
            <SelectField label="Type" name="type" options={CONTRACT_TYPES.map((t) => ({ value: t, label: CONTRACT_LABELS[t] }))} />
            <TextField label="Reference" name="reference" />
            <DateField label="Signed on" name="signedAt" />
            <DateField label="Expires on" name="expiresAt" />
          </ActionForm>
        ) : null}
      </Card>

      <Card title="Certifications" className="mt-6">
        {v.certifications.length ? (
          <Table caption="Certifications" columns={['Certification', 'Expires', 'State']}>
            {v.certifications.map((c) => (
              <tr key={c.id}>
                <Td>{CERTIFICATION_LABELS[c.kind]}{c.label ? ` (${c.label})` : ''}</Td>
                <Td><LocalTime iso={c.expiresAt} dateOnly /></Td>
                <Td><Badge tone={STATE_TONE[c.state]}>{STATE_TEXT[c.state]}</Badge></Td>
              </tr>
            ))}
          </Table>
        ) : <EmptyState title="No certifications recorded" />}
        {caps.edit ? (
          <ActionForm action={addCertificationAction} schema={addCertificationSchema} label="Add a certification" submit="Add certification" fields={{ vendorId: v.id }} className="mt-4 grid gap-4 md:grid-cols-3">
            <SelectField label="Certification" name="kind" options={CERTIFICATION_KINDS.map((k) => ({ value: k, label: CERTIFICATION_LABELS[k] }))} />
            <TextField label="Scope or note" name="label" />
            <DateField label="Expires on" name="expiresAt" />
          </ActionForm>
        ) : null}
      </Card>

      <Card title="Due-diligence questionnaires" className="mt-6">
        {v.questionnaires.length ? (
          <Table caption="Questionnaires" columns={['Questionnaire', 'Status', 'Sent', 'Link']}>
            {v.questionnaires.map((q) => (
              <tr key={q.id}>
                <Td><Link href={`/vendors/questionnaires/${q.id}`}>{q.title}</Link></Td>
                <Td><Badge tone={q.status === 'REVIEWED' ? 'good' : q.status === 'SUBMITTED' ? 'info' : 'neutral'}>{enumLabel(q.status)}</Badge></Td>
                <Td><LocalTime iso={q.sentAt} dateOnly /></Td>
                <Td className="text-xs">{q.linkState ? <>{q.linkState}{q.linkState === 'active' && q.linkExpiresAt ? <> until <LocalTime iso={q.linkExpiresAt} dateOnly /></> : null}</> : '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : <EmptyState title="No questionnaires sent yet" />}
        {caps.sendQuestionnaire && v.contactEmail ? (
          <div className="mt-4"><SendQuestionnaireForm vendorId={v.id} recipient={v.contactEmail} hints={schemaHints(sendQuestionnaireSchema)} /></div>
        ) : caps.edit ? <p className="mt-4 text-sm text-slate-700">Give the vendor a contact e-mail address to send a questionnaire.</p> : null}
      </Card>

      {caps.edit ? (
        <Card title="Edit vendor" className="mt-6">
          <ActionForm action={updateVendorAction} schema={updateVendorSchema} label="Edit vendor" submit="Save vendor" fields={{ id: v.id }} resetOnSuccess={false} className="grid gap-4 md:grid-cols-2">
            <TextField label="Name" name="name" defaultValue={v.name} />
            <SelectField label="Category" name="category" options={VENDOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} defaultValue={v.category} />
            <TextAreaField label="Services used" name="services" defaultValue={v.services} className="md:col-span-2" />
            <TextAreaField label="Data shared with the vendor" name="dataShared" defaultValue={v.dataShared ?? ''} className="md:col-span-2" />
            <SelectField label="Classification of the data shared" name="dataClassification" options={CLASSIFICATIONS.map((c) => ({ value: c, label: enumLabel(c) }))} defaultValue={v.dataClassification} />
            <TextField label="Review every (months)" name="reviewCadenceMonths" type="number" defaultValue={String(v.reviewCadenceMonths)} min={1} max={60} />
            <TextField label="Contact name" name="contactName" defaultValue={v.contactName ?? ''} />
            <TextField label="Contact e-mail" name="contactEmail" type="email" defaultValue={v.contactEmail ?? ''} />
            <TextAreaField label="Subprocessors" name="subprocessors" hint="One per line." defaultValue={v.subprocessors.join('\n')} />
            <CheckboxGroup label="AI systems" name="aiSystemIds[]" options={options.systems.map((s) => ({ value: s.id, label: s.name }))} defaultValue={v.systems.map((s) => s.id)} className="md:col-span-2" />
            <CheckboxGroup label="Models" name="modelIds[]" options={options.models.map((s) => ({ value: s.id, label: s.name }))} defaultValue={v.models.map((s) => s.id)} className="md:col-span-2" />
            <CheckboxGroup label="Datasets" name="datasetIds[]" options={options.datasets.map((s) => ({ value: s.id, label: s.name }))} defaultValue={v.datasets.map((s) => s.id)} className="md:col-span-2" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
