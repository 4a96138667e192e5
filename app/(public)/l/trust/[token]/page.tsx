import type { Metadata } from 'next';
import { after } from 'next/server';
import { Button } from '@/components/ui/button';
import { LinkRefused } from '@/components/ui/link-refused';
import { LocalTime } from '@/components/ui/local-time';
import { landLink } from '@/lib/links/landing';
import { trustDownloadForLink } from '@/lib/trust/requests';

export const metadata: Metadata = { title: 'Document download', robots: { index: false, follow: false } };

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * The landing of an approved trust-centre request. Opening it uses nothing
 * (mail scanners open links); the button downloads the document and uses
 * the link up.
 */
export default async function TrustDocumentLandingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const landed = await landLink(token, 'trust_document');
  if (!landed.ok) return <LinkRefused message={landed.message} />;
  const d = await trustDownloadForLink(landed.link, landed.meta);
  if (!d) return <LinkRefused message="This document has been withdrawn by the sender." />;
  after(d.flush);
  return (
    <>
      <h1 className="mb-1 text-xl">{d.title}</h1>
      <p className="mb-4 text-sm text-slate-700">
        From {d.orgName}, for {d.requester}. {d.description}
      </p>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">File</dt>
        <dd>
          {d.fileName} ({size(d.size)})
        </dd>
        <dt className="font-medium">SHA-256</dt>
        <dd className="break-all font-mono text-xs">{d.sha256}</dd>
        <dt className="font-medium">Link valid until</dt>
        <dd>
          <LocalTime iso={d.expiresAt} />
        </dd>
      </dl>
      <p className="mb-4 text-sm text-slate-700">This link downloads the document once. Keep the file: the link stops working after the download.</p>
      <form method="post" action={`/l/trust/${encodeURIComponent(token)}/download`}>
        <Button type="submit">Download the document</Button>
      </form>
    </>
  );
}
