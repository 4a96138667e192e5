import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { privacyApi } from '@/lib/privacy/api-spec';
import { assessmentPdf } from '@/lib/privacy/assessments/pdf';

export const GET = apiRoute(privacyApi.assessmentPdf, async ({ actor, params }) => {
  const { fileName, bytes } = await assessmentPdf(actor, params.id);
  return new Response(new Uint8Array(bytes), { headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition(fileName), 'cache-control': 'no-store' } });
});
