import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { privacyApi } from '@/lib/privacy/api-spec';
import { exportProcessingActivities } from '@/lib/privacy/activities/queries';

export const GET = apiRoute(privacyApi.exportActivities, async ({ actor, query }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  const body = await exportProcessingActivities(actor, query.format);
  const type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'content-disposition': contentDisposition(`art30-register-${stamp}.${query.format}`), 'cache-control': 'no-store' } });
});
