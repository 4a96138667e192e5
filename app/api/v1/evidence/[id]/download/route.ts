import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/evidence/api-spec';
import { downloadEvidence } from '@/lib/audits/evidence/mutations';
import { contentDisposition } from '@/lib/file-name';

export const GET = apiRoute(evidenceApi.download, async ({ actor, params }) => {
  const result = await downloadEvidence(actor, params.id);
  if (result.kind === 'LINK') return Response.redirect(result.url, 302);
  return new Response(new Uint8Array(result.bytes), {
    headers: {
      'content-type': result.contentType,
      'content-disposition': contentDisposition(result.fileName, params.id),
      'content-length': String(result.bytes.length),
      'x-content-sha256': result.sha256,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
});
