import { apiRoute } from '@/lib/api/route';
import { reviewsApi } from '@/lib/reviews/api-spec';
import { setActionItemStatus } from '@/lib/reviews/mutations';

export const PATCH = apiRoute(reviewsApi.updateActionItem, ({ actor, params, body }) => setActionItemStatus(actor, { id: params.id, status: body.status }));
