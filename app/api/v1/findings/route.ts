import { apiRoute } from '@/lib/api/route';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { createFinding } from '@/lib/audits/findings/mutations';
import { listFindings } from '@/lib/audits/findings/queries';

export const GET = apiRoute(findingsApi.list, ({ actor, query }) => listFindings(actor, query));
export const POST = apiRoute(findingsApi.create, ({ actor, body }) => createFinding(actor, body));
