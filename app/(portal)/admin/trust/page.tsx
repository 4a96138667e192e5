import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui/card';
import { Badge, type Tone } from '@/components/ui/badge';
import { ActionForm, CheckboxField, ConfirmAction, FileField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { addTrustDocumentAction, decideTrustRequestAction, publishTrustCentreAction, revokeTrustRequestAction, withdrawTrustDocumentAction } from '@/lib/trust/actions';
import { getTrustSettings, listTrustDocuments, listTrustRequests } from '@/lib/trust/queries';
import { addTrustDocumentSchema, decideTrustRequestSchema, listTrustRequestsSchema, TRUST_REQUEST_STATUSES, TRUST_STATUS_LABELS, TRUST_STATUSES, trustSettingsSchema, type TrustRequestStatus } from '@/lib/trust/schema';

export const metadata: Metadata = { title: 'Trust centre' };

const STATUS_OPTIONS = TRUST_STATUSES.map((s) => ({ value: s, label: TRUST_STATUS_LABELS[s] }));
const REQUEST_TONE: Record<TrustRequestStatus, Tone> = { PENDING: 'warn', APPROVED: 'good', REJECTED: 'neutral', REVOKED: 'bad' };
const REQUEST_LABEL: Record<TrustRequestStatus, string> = { PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected', REVOKED: 'Revoked' };
const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

export default async function TrustCentreSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const q = listTrustRequestsSchema.safeParse({ status: sp.status || undefined, page: sp.page });
  const query = q.success ? q.data : { page: 1 };
  const [s, documents, requests] = await loadPage(Promise.all([getTrustSettings(actor), listTrustDocuments(actor), listTrustRequests(actor, query)]));
  return (
    <>
      <PageHeader
        title="Trust centre"
        description="A public page for customers: the certifications, frameworks, security contact and signed model attestations you choose. Off until you turn it on; visitors see what you publish here, nothing else of the portal. Publishing again takes a fresh snapshot."
      />
      <Card title="Status">
        <p className="text-sm text-slate-800">
          {s.enabled && s.publishedAt ? (
            <>
              Published <LocalTime iso={s.publishedAt} /> at <a className="text-blue-700 underline" href={`/trust/${s.slug}`}>/trust/{s.slug}</a>; {s.viewsLast30Days} view(s) in the last 30 days.
            </>
          ) : (
            'Not published: /trust/' + s.slug + ' answers "not found".'
          )}
        </p>
      </Card>
      <Card title="What the public page shows">
        <ActionForm action={publishTrustCentreAction} schema={trustSettingsSchema} label="Trust centre settings" submit="Save and publish" resetOnSuccess={false}>
          <div className="grid gap-4">
            <CheckboxField name="enabled" label="Publish the trust centre" defaultChecked={s.enabled} value="on" />
            <CheckboxField name="showCertifications" label="Certifications currently valid" defaultChecked={s.showCertifications} value="on" />
            <CheckboxField name="showAttestations" label="Signed attestations of the models in production" defaultChecked={s.showAttestations} value="on" />
            <CheckboxField name="showFrameworks" label="Frameworks with the status chosen below" defaultChecked={s.showFrameworks} value="on" />
            <TextField name="securityContact" label="Security contact" defaultValue={s.securityContact} hint="An e-mail address or an https:// page. Blank: not shown." />
            <CheckboxField name="showPolicies" label="Published policies chosen below" defaultChecked={s.showPolicies} value="on" />
            <fieldset className="grid gap-2">
              <legend className="font-medium">Policies (each shows its latest published version)</legend>
              {s.policies.length === 0 ? <p className="text-sm text-slate-700">No policy yet.</p> : null}
              {s.policies.map((p) => (
                <CheckboxField key={p.id} name={`policy:${p.id}`} value="on" defaultChecked={p.chosen} label={p.published ? `${p.title} (version ${p.published})` : `${p.title} (not published: not shown)`} />
              ))}
            </fieldset>
            <TextAreaField
              name="ndaText"
              label="Non-disclosure agreement for document requests"
              rows={6}
              maxLength={20000}
              defaultValue={s.nda?.text ?? ''}
              hint={s.nda ? `Version ${s.nda.version}, SHA-256 ${s.nda.sha256.slice(0, 16)}…; a changed text becomes a new version. Blank: no NDA asked.` : 'Visitors accept it before requesting a document; each change is a new version, recorded with every request. Blank: no NDA asked.'}
            />
            <fieldset className="grid gap-2">
              <legend className="font-medium">Frameworks and their overall status</legend>
              {s.frameworks.length === 0 ? <p className="text-sm text-slate-700">No framework in the library yet.</p> : null}
              {s.frameworks.map((f) => (
                <SelectField key={f.key} name={`status:${f.key}`} label={f.name} options={STATUS_OPTIONS} placeholder="Not shown" defaultValue={f.status ?? ''} />
              ))}
            </fieldset>
          </div>
        </ActionForm>
      </Card>
      <Card title="Documents on request">
        <p className="mb-3 text-sm text-slate-700">Visitors ask for these on the public page; each request waits for approval below. Publish again after adding one to show it.</p>
        {documents.length === 0 ? (
          <p className="mb-3 text-sm text-slate-700">No document is offered yet.</p>
        ) : (
          <Table caption="Documents offered on request" columns={['Document', 'File', 'Requests', 'Added', '']}>
            {documents.map((d) => (
              <tr key={d.id}>
                <Td>
                  <span className="font-medium">{d.title}</span>
                  {d.description ? <span className="block text-xs text-slate-700">{d.description}</span> : null}
                </Td>
                <Td className="text-xs">
                  {d.fileName} ({kb(d.size)})
                </Td>
                <Td>{d.requests}</Td>
                <Td className="text-xs">
                  <LocalTime iso={d.createdAt} />
                </Td>
                <Td>
                  <ConfirmAction
                    action={withdrawTrustDocumentAction}
                    fields={{ id: d.id }}
                    label={`Withdraw ${d.title}`}
                    title={`Withdraw “${d.title}”?`}
                    body="No one can request it any more, and every approved link not yet used stops working."
                    confirmLabel="Withdraw"
                  />
                </Td>
              </tr>
            ))}
          </Table>
        )}
        <ActionForm action={addTrustDocumentAction} schema={addTrustDocumentSchema} label="Offer a document" submit="Offer the document" className="mt-4">
          <div className="grid gap-3">
            <TextField name="title" label="Title" required maxLength={200} />
            <TextField name="description" label="Description" maxLength={1000} hint="Optional: what the document covers." />
            <FileField name="file" label="File" accept=".pdf,.zip,.docx,.txt,application/pdf" required hint="PDF, ZIP, DOCX or text, up to 960 KB." />
          </div>
        </ActionForm>
      </Card>
      <div id="requests">
        <Card title="Document requests">
          <nav aria-label="Filter requests by status" className="mb-3 flex flex-wrap gap-3 text-sm">
            <a className={query.status ? 'text-blue-700 underline' : 'font-semibold'} href="/admin/trust#requests" aria-current={query.status ? undefined : 'page'}>All</a>
            {TRUST_REQUEST_STATUSES.map((st) => (
              <a key={st} className={query.status === st ? 'font-semibold' : 'text-blue-700 underline'} href={`/admin/trust?status=${st}#requests`} aria-current={query.status === st ? 'page' : undefined}>
                {REQUEST_LABEL[st]}
              </a>
            ))}
          </nav>
          {requests.items.length === 0 ? (
            <p className="text-sm text-slate-700">No request{query.status ? ` with this status` : ''} yet.</p>
          ) : (
            <Table caption={`Document requests (${requests.total})`} columns={['Requester', 'Document', 'NDA', 'Received', 'Status', 'Downloads', 'Decision']}>
              {requests.items.map((r) => (
                <tr key={r.id} data-testid="trust-request">
                  <Td>
                    <span className="font-medium">{r.name}</span>
                    <span className="block text-xs">{r.company}</span>
                    <span className="block text-xs">{r.email}</span>
                  </Td>
                  <Td>{r.document}</Td>
                  <Td className="text-xs">{r.ndaVersion ? <span title={r.ndaSha256 ?? undefined}>Version {r.ndaVersion} accepted</span> : 'None asked'}</Td>
                  <Td className="text-xs">
                    <LocalTime iso={r.createdAt} />
                  </Td>
                  <Td>
                    <Badge tone={REQUEST_TONE[r.status]}>{REQUEST_LABEL[r.status]}</Badge>
                    {r.link ? (
                      <span className="block text-xs">
                        Link {r.link.state}
                        {r.link.state === 'active' ? (
                          <>
                            {' '}until <LocalTime iso={r.link.expiresAt} />
                          </>
                        ) : null}
                      </span>
                    ) : null}
                  </Td>
                  <Td className="text-xs">
                    {r.downloads}
                    {r.lastDownloadAt ? (
                      <span className="block">
                        last <LocalTime iso={r.lastDownloadAt} />
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    {r.capabilities.decide ? (
                      <div className="grid gap-2">
                        <ActionForm action={decideTrustRequestAction} schema={decideTrustRequestSchema} label={`Approve the request of ${r.name}`} fields={{ id: r.id, decision: 'APPROVE' }} submit="Approve and send the link" announce="toast" submitClassName="text-xs">
                          <TextField name="expiresInDays" label="Link valid for (days)" type="number" defaultValue="7" min={1} max={30} />
                        </ActionForm>
                        <ConfirmAction
                          action={decideTrustRequestAction}
                          fields={{ id: r.id, decision: 'REJECT' }}
                          label={`Reject the request of ${r.name}`}
                          title={`Reject the request of ${r.name}?`}
                          body="The requester is not told automatically; no link is sent."
                          confirmLabel="Reject"
                        />
                      </div>
                    ) : r.capabilities.revoke ? (
                      <ConfirmAction action={revokeTrustRequestAction} fields={{ id: r.id }} label={`Revoke the link of ${r.name}`} title="Revoke the download link?" body="The link stops working at once, used or not." confirmLabel="Revoke" />
                    ) : (
                      <span className="text-xs text-slate-700">{r.note ?? '—'}</span>
                    )}
                  </Td>
                </tr>
              ))}
            </Table>
          )}
          <Pagination page={requests.page} pageSize={requests.pageSize} total={requests.total} params={{ status: query.status }} basePath="/admin/trust" />
        </Card>
      </div>
    </>
  );
}
