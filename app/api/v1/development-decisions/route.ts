import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { createDevelopmentDecision } from '@/lib/decisions/mutations';
import { listDevelopmentDecisions } from '@/lib/decisions/queries';

export const GET = apiRoute(decisionsApi.developmentList, ({ actor, query }) => listDevelopmentDecisions(actor, query));
export const POST = apiRoute(decisionsApi.developmentCreate, ({ actor, body }) => createDevelopmentDecision(actor, body));
