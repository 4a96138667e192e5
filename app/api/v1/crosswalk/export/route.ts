import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { crosswalkApi as api } from '@/lib/requirements/crosswalk-api-spec';
import { exportCrosswalk } from '@/lib/requirements/crosswalk-files';

export const GET = apiRoute(api.exportCrosswalk, async ({ actor, query }) => {
  const file = await exportCrosswalk(actor, query);
  return new Response(file.body, { headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.fileName), 'cache-control': 'no-store' } });
});
