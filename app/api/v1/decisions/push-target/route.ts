import { apiRoute } from '@/lib/api/route';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { getPushTarget, savePushTarget } from '@/lib/decisions/push-target';

export const GET = apiRoute(decisionsApi.pushTargetGet, async ({ actor }) => ({ target: await getPushTarget(actor) }));
export const PUT = apiRoute(decisionsApi.pushTargetPut, ({ actor, body }) => savePushTarget(actor, body));
