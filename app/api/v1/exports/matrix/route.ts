import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { exportMatrixCsv, exportMatrixXlsx } from '@/lib/requirements/exports';
import { contentDisposition } from '@/lib/file-name';

export const GET = apiRoute(api.exportMatrix, async ({ actor, query }) => {
  const { format, ...filter } = query;
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'xlsx') {
    return new Response(new Uint8Array(await exportMatrixXlsx(actor, filter)), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': contentDisposition(`requirements-matrix-${stamp}.xlsx`),
        'cache-control': 'no-store',
      },
    });
  }
  return new Response(await exportMatrixCsv(actor, filter), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(`requirements-matrix-${stamp}.csv`), 'cache-control': 'no-store' },
  });
});
