import { apiRoute } from '@/lib/api/route';
import { reviewsApi } from '@/lib/reviews/api-spec';
import { renderReviewPdf } from '@/lib/reviews/pdf';
import { getReview } from '@/lib/reviews/queries';
import { contentDisposition } from '@/lib/file-name';

export const GET = apiRoute(reviewsApi.pdf, async ({ actor, params }) => {
  const pdf = await renderReviewPdf(await getReview(actor, params.quarter));
  return new Response(Buffer.from(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition(`review-${params.quarter}.pdf`) },
  });
});
