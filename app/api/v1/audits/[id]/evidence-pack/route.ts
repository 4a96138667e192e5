import { contentDisposition } from '@/lib/file-name';
import { apiRoute } from '@/lib/api/route';
import { auditsApi } from '@/lib/audits/audits/api-spec';
import { buildEvidencePack } from '@/lib/audits/evidence/pack';

export const GET = apiRoute(auditsApi.pack, async ({ actor, params }) => {
  const pack = await buildEvidencePack(actor, params.id);
  const headers: Record<string, string> = {
    'content-type': 'application/zip',
    'content-disposition': contentDisposition(pack.fileName),
    'cache-control': 'no-store',
    'x-pack-files': String(pack.files),
  };
  if (pack.totalBytes >= 0) headers['content-length'] = String(pack.totalBytes);
  return new Response(pack.stream, { headers });
});
