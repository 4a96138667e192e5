import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { exportDecisionLetter } from '@/lib/decisions/queries';
import { contentDisposition } from '@/lib/file-name';

export const GET = apiRoute(decisionsApi.letter, async ({ actor, query }) => {
  const file = await exportDecisionLetter(actor, query.id);
  return new Response(new Uint8Array(file.bytes), { headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition(file.fileName), 'cache-control': 'no-store' } });
});
