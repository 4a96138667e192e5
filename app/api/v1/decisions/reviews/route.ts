import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { decisionReviews } from '@/lib/decisions/queries';

export const GET = apiRoute(decisionsApi.reviews, ({ actor, query }) => decisionReviews(actor, query.id));
