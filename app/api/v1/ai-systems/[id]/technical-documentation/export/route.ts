import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { reportsApi } from '@/lib/reports/api-spec';
import { exportTechnicalDocumentation } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.technicalDocumentationExport, async ({ actor, params, query }) => {
  const file = await exportTechnicalDocumentation(actor, params.id, query);
  return new Response(new Uint8Array(file.bytes), {
    headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.fileName), 'cache-control': 'no-store', 'x-content-sha256': file.hash },
  });
});
