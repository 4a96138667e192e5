import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { confirmReceipt } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.confirmReceipt, ({ actor, params }) => confirmReceipt(actor, params.id));
