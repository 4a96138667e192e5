import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/api-spec';
import { addFindingComment } from '@/lib/findings/mutations';

export const POST = apiRoute(findingsApi.comment, ({ actor, params, body }) => addFindingComment(actor, { ...body, id: params.id }));
