import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/ui/print-button';
import { DownloadLink } from '@/components/ui/button';
import { Table, Td } from '@/components/ui/table';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { decisionLetter } from '@/lib/decisions/queries';

export const metadata: Metadata = { title: 'Explanation letter' };

export default async function DecisionLetterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const l = await loadPage(decisionLetter(actor, decodeURIComponent(id)));
  const d = l.decision;
  return (
    <article className="mx-auto max-w-3xl rounded-lg bg-white p-8 shadow-sm print:shadow-none">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3 text-sm">
        <Link href={`/decisions/${d.id}`}>← Decision {d.ref}</Link>
        <span className="flex gap-2">
          <PrintButton />
          <DownloadLink href={`/api/v1/decisions/letter?id=${encodeURIComponent(d.id)}`}>Download PDF</DownloadLink>
        </span>
      </div>
      <p className="text-sm text-slate-700">{l.orgName}</p>
      <h1 className="mt-2 mb-4 text-2xl font-semibold">{l.title}</h1>
      <p className="mb-3 text-sm text-slate-700">Decided <LocalTime iso={d.decidedAt} /></p>
      {l.paragraphs.map((p) => (
        <p key={p} className="mb-3">{p}</p>
      ))}
      <h2 className="mt-6 mb-2 text-lg font-semibold">The principal reasons</h2>
      <ol className="list-decimal space-y-1 pl-6">
        {l.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ol>
      <h2 className="mt-6 mb-2 text-lg font-semibold">How the decision was reached</h2>
      {l.logic.map((p) => (
        <p key={p} className="mb-3">{p}</p>
      ))}
      {d.features.state === 'shown' ? (
        <Table caption="The information used" columns={['Information', 'Value']}>
          {Object.entries(d.features.values).map(([k, v]) => (
            <tr key={k}>
              <Td>{k}</Td>
              <Td>{String(v ?? '—')}</Td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>{d.features.state === 'erased' ? 'Your personal data was erased at your request; the information used can no longer be shown.' : 'The information used could not be read.'}</p>
      )}
      <h2 className="mt-6 mb-2 text-lg font-semibold">Your rights</h2>
      <ul className="list-disc space-y-1 pl-6">
        {l.rights.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </article>
  );
}
