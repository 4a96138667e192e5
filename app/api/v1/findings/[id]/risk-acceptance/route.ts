import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { acceptRisk } from '@/lib/audits/findings/mutations';

export const POST = apiRoute(findingsApi.acceptRisk, ({ actor, params, body }) => acceptRisk(actor, { ...body, id: params.id }));
