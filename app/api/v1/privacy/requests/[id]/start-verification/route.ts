import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { startVerification } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.startVerification, ({ actor, params }) => startVerification(actor, params.id));
