import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/api-spec';
import { createFinding } from '@/lib/findings/mutations';
import { listFindings } from '@/lib/findings/queries';

export const GET = apiRoute(findingsApi.list, ({ actor, query }) => listFindings(actor, query));
export const POST = apiRoute(findingsApi.create, ({ actor, body }) => createFinding(actor, body));
