import { apiRoute } from '@/lib/api/route';
import { reviewsApi } from '@/lib/reviews/api-spec';
import { listReviews } from '@/lib/reviews/queries';

export const GET = apiRoute(reviewsApi.list, ({ actor }) => listReviews(actor));
