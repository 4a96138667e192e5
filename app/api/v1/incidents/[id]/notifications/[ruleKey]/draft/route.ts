import { apiRoute } from '@/lib/api/route';
import { incidentsApi } from '@/lib/incidents/api-spec';
import { notificationDraftFor } from '@/lib/incidents/queries';

export const GET = apiRoute(incidentsApi.draft, async ({ actor, params, query }) => {
  const draft = await notificationDraftFor(actor, params.id, params.ruleKey);
  const md = query.format === 'md';
  return new Response(md ? draft.markdown : draft.text, {
    headers: {
      'content-type': md ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${draft.filename}.${query.format}"`,
      'cache-control': 'no-store',
    },
  });
});
