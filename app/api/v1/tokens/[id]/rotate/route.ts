import { apiRoute } from '@/lib/api/route';
import { tokensApi } from '@/lib/tokens/api-spec';
import { rotateToken } from '@/lib/tokens/mutations';

export const POST = apiRoute(tokensApi.rotate, ({ actor, params }) => rotateToken(actor, params.id));
