import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { ActionForm, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { requirementsCapabilities } from '@/lib/requirements/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createFrameworkAction, loadLibraryAction } from '@/lib/requirements/actions';
import { libraryStatus } from '@/lib/requirements/library';
import { FRAMEWORK_KINDS } from '@/lib/requirements/library-schema';
import { listFrameworks } from '@/lib/requirements/queries';

export const metadata: Metadata = { title: 'Regulation library' };

const KIND_LABELS: Record<string, string> = { REGULATION: 'Regulation', STANDARD: 'Standard', FRAMEWORK: 'Framework', POLICY: 'Internal policy' };

export default async function LibraryPage() {
  const actor = await requireActor();
  const [frameworks, shipped] = await loadPage(Promise.all([listFrameworks(actor), libraryStatus(actor)]));
  const manage = requirementsCapabilities(actor).manageLibrary;
  const outdated = shipped.filter((s) => s.loadedVersion === null || s.loadedVersion < s.shippedVersion);
  return (
    <>
      <PageHeader title="Regulation and standard library" description="Frameworks and their requirements. The shipped library can be reloaded at any time: it adds what is new, updates text you have not edited, and reports (never overwrites) requirements your organisation changed." />
      {manage ? (
        <Card title="Shipped library" className="mb-6">
          <p className="mb-3 text-sm text-slate-700">
            {outdated.length ? `${outdated.length} of ${shipped.length} shipped frameworks are not loaded or have a newer version.` : `All ${shipped.length} shipped frameworks are loaded at their current version.`}
          </p>
          <ActionForm action={loadLibraryAction} submit="Load / reload the shipped library" pendingText="Loading the library…" label="Reload the library" variant="secondary">
            {null}
          </ActionForm>
        </Card>
      ) : null}
      {frameworks.length === 0 ? (
        <EmptyState title="No frameworks yet">{manage ? 'Load the shipped library above, create a framework below, or import a CSV or OSCAL catalog.' : 'A compliance officer has not loaded the library yet.'}</EmptyState>
      ) : (
        <Table caption="Frameworks" columns={['Framework', 'Kind', 'Jurisdiction', 'Version', 'Requirements', 'Source']}>
          {frameworks.map((f) => (
            <tr key={f.id}>
              <Td>
                <Link href={`/requirements/library/${f.key}`} className="font-medium">{f.name}</Link>
                <div className="font-mono text-xs text-slate-600">{f.key}</div>
              </Td>
              <Td>{KIND_LABELS[f.kind]} {f.isCustom ? <Badge tone="info">Custom</Badge> : <Badge>Library v{f.libraryVersion}</Badge>}</Td>
              <Td>{f.jurisdiction}</Td>
              <Td>{f.version}</Td>
              <Td className="tabular-nums">{f.requirementCount}</Td>
              <Td className="max-w-md text-xs text-slate-700">{f.sourceRef}</Td>
            </tr>
          ))}
        </Table>
      )}
      {manage ? (
        <Card title="Create a framework or internal policy" className="mt-6">
          <ActionForm action={createFrameworkAction} submit="Create framework" label="Create a framework" className="grid gap-4 md:grid-cols-2">
            <TextField label="Key" name="key" required hint="Lower-case words joined by hyphens, e.g. acme-ai-policy" />
            <TextField label="Name" name="name" required />
            <SelectField label="Kind" name="kind" options={FRAMEWORK_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} defaultValue="POLICY" />
            <TextField label="Jurisdiction or region" name="jurisdiction" required defaultValue="Internal" />
            <TextField label="Version" name="version" required defaultValue="1.0" />
            <TextField label="Source reference" name="sourceRef" />
            <TextAreaField label="Description" name="description" rows={2} className="md:col-span-2" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
