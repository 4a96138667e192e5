import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/api-spec';
import { updateFinding } from '@/lib/findings/mutations';
import { getFinding } from '@/lib/findings/queries';

export const GET = apiRoute(findingsApi.get, ({ actor, params }) => getFinding(actor, params.id));
export const PATCH = apiRoute(findingsApi.update, ({ actor, params, body }) => updateFinding(actor, { ...body, id: params.id }));
