import { apiRoute } from '@/lib/api/route';
import { csvCell } from '@/lib/csv';
import { reviewsApi } from '@/lib/reviews/api-spec';
import { reviewActionItems } from '@/lib/reviews/queries';
import { contentDisposition } from '@/lib/file-name';

export const GET = apiRoute(reviewsApi.actionItemsCsv, async ({ actor, params }) => {
  const { items } = await reviewActionItems(actor, params.quarter);
  const rows = [['title', 'owner', 'dueDate', 'status', 'doneAt'], ...items.map((a) => [a.title, a.owner, a.dueDate, a.status, a.doneAt])];
  return new Response(`${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(`review-${params.quarter}-action-items.csv`),
    },
  });
});
