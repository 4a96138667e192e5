import { apiRoute } from '@/lib/api/route';
import { tokensApi } from '@/lib/tokens/api-spec';
import { createToken } from '@/lib/tokens/mutations';
import { listTokens } from '@/lib/tokens/queries';

export const GET = apiRoute(tokensApi.list, async ({ actor }) => ({ items: await listTokens(actor) }));

export const POST = apiRoute(tokensApi.create, ({ actor, body }) => createToken(actor, body));
