import { apiRoute } from '@/lib/api/route';
import { tokensApi } from '@/lib/tokens/api-spec';
import { revokeToken } from '@/lib/tokens/mutations';

export const DELETE = apiRoute(tokensApi.revoke, ({ actor, params }) => revokeToken(actor, params.id));
