import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { modelsApi } from '@/lib/models/api-spec';
import { exportModelCard } from '@/lib/models/queries';

export const GET = apiRoute(modelsApi.card, async ({ actor, params, query }) => {
  const card = await exportModelCard(actor, params.model, params.version, query.format);
  const body = typeof card === 'string' ? card : JSON.stringify(card, null, 2);
  return new Response(body, {
    headers: {
      'content-type': query.format === 'md' ? 'text/markdown; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': contentDisposition(`model-card-${params.model}-${params.version}.${query.format}`),
      'cache-control': 'no-store',
    },
  });
});
