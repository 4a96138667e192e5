import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { transitionFinding } from '@/lib/audits/findings/mutations';

export const POST = apiRoute(findingsApi.transition, ({ actor, params, body }) => transitionFinding(actor, { ...body, id: params.id }));
