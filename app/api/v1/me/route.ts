import { apiRoute } from '@/lib/api/route';
import { platformApi } from '@/lib/openapi/platform-spec';
import { describeActor } from '@/lib/auth/describe';

export const GET = apiRoute(platformApi.me, async ({ actor }) => describeActor(actor));
