import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { checkpointConsistency } from '@/lib/decisions/proofs';

export const GET = apiRoute(decisionsApi.consistency, ({ actor, query }) => checkpointConsistency(actor, query.from, query.to));
