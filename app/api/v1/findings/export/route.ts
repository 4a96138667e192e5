import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { exportFindings } from '@/lib/audits/findings/export';
import { contentDisposition } from '@/lib/file-name';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export const GET = apiRoute(findingsApi.export, async ({ actor, query }) => {
  const { format, ...filter } = query;
  const body = await exportFindings(actor, filter, format);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': contentDisposition(`audit-tracking-${stamp}.${format}`),
      'cache-control': 'no-store',
    },
  });
});
