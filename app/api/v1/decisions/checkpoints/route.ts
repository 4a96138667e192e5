import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { issueCheckpoint } from '@/lib/decisions/checkpoints';

export const POST = apiRoute(decisionsApi.checkpoint, ({ actor }) => issueCheckpoint(actor));
