import { apiRoute } from '@/lib/api/route';
import { modelsApi } from '@/lib/models/api-spec';
import { signOffVersion } from '@/lib/models/mutations';

export const POST = apiRoute(modelsApi.signOff, ({ actor, params, body }) => signOffVersion(actor, params.model, params.version, body));
