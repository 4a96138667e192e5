import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { recordReview } from '@/lib/requirements/mutations';

export const POST = apiRoute(api.recordReview, ({ actor, params, body }) => recordReview(actor, { ...body, requirementId: params.id }));
