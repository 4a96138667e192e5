import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { proofFromQuery } from '@/lib/decisions/http';

export const GET = apiRoute(decisionsApi.proof, ({ actor, query }) => proofFromQuery(actor, query));
