import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { verifyIdentity } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.verifyIdentity, ({ actor, params }) => verifyIdentity(actor, params.id));
