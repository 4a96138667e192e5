import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { privacyApi } from '@/lib/privacy/api-spec';
import { subjectExportPackage } from '@/lib/privacy/requests/export';

export const GET = apiRoute(privacyApi.exportRequest, async ({ actor, params }) => {
  const { fileName, body } = await subjectExportPackage(actor, params.id);
  return new Response(new Uint8Array(body), { headers: { 'content-type': 'application/zip', 'content-disposition': contentDisposition(fileName), 'cache-control': 'no-store' } });
});
