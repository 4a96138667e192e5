import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { updateFinding } from '@/lib/audits/findings/mutations';
import { getFinding } from '@/lib/audits/findings/queries';

export const GET = apiRoute(findingsApi.get, ({ actor, params }) => getFinding(actor, params.id));
export const PATCH = apiRoute(findingsApi.update, ({ actor, params, body }) => updateFinding(actor, { ...body, id: params.id }));
