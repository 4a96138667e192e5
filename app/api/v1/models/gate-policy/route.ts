import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { getGatePolicy } from '@/lib/models/gate-policy';
import { setGatePolicy } from '@/lib/models/mutations';

const view = (r: { policy: unknown; updatedAt: Date | null }) => ({ policy: r.policy, updatedAt: r.updatedAt?.toISOString() ?? null });

export const GET = apiRoute(modelsApi.getGatePolicy, async ({ actor }) => view(await getGatePolicy(actor)));
export const PUT = apiRoute(modelsApi.setGatePolicy, async ({ actor, body }) => view(await setGatePolicy(actor, body)));
