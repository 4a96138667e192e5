import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { pushCheckpointsNow } from '@/lib/decisions/push';

export const POST = apiRoute(decisionsApi.pushNow, ({ actor }) => pushCheckpointsNow(actor));
