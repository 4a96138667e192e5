import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { addFindingComment } from '@/lib/audits/findings/mutations';

export const POST = apiRoute(findingsApi.comment, ({ actor, params, body }) => addFindingComment(actor, { ...body, id: params.id }));
