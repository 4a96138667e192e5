import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { completePrivacyTask } from '@/lib/privacy/requests/mutations';

export const POST = apiRoute(privacyApi.completeTask, ({ actor, params, body }) => completePrivacyTask(actor, params.taskId, body, { requestId: params.id }));
