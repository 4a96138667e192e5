import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { readIngestBody } from '@/lib/decisions/http';
import { ingestDecisions } from '@/lib/decisions/ingest';

export const POST = apiRoute(decisionsApi.ingest, async ({ actor, req, query }) => ingestDecisions(actor, query.system, await readIngestBody(actor, req)));
