import { apiRoute } from '@/lib/api/route';
import { auditApi } from '@/lib/audit/api-spec';
import { exportAuditEventsCsv } from '@/lib/audit/queries';
import { contentDisposition } from '@/lib/file-name';

export const GET = apiRoute(auditApi.exportCsv, async ({ actor, query }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportAuditEventsCsv(actor, query), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(`audit-trail-${stamp}.csv`),
      'cache-control': 'no-store',
    },
  });
});
