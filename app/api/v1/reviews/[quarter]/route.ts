import { apiRoute } from '@/lib/api/route';
import { reviewsApi } from '@/lib/reviews/api-spec';
import { getReview } from '@/lib/reviews/queries';

export const GET = apiRoute(reviewsApi.get, ({ actor, params }) => getReview(actor, params.quarter));
