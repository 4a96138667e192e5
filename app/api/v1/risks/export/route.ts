import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { risksApi } from '@/lib/risks/api-spec';
import { exportRisks } from '@/lib/risks/transfer';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export const GET = apiRoute(risksApi.export, async ({ actor, query }) => {
  const { format, ...filter } = query;
  const body = await exportRisks(actor, filter, format);
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': TYPES[format], 'content-disposition': contentDisposition(`risk-register-${new Date().toISOString().slice(0, 10)}.${format}`), 'cache-control': 'no-store' },
  });
});
