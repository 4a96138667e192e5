import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { createProcessingActivity } from '@/lib/privacy/activities/mutations';
import { listProcessingActivities } from '@/lib/privacy/activities/queries';

export const GET = apiRoute(privacyApi.listActivities, ({ actor }) => listProcessingActivities(actor));

export const POST = apiRoute(privacyApi.createActivity, ({ actor, body }) => createProcessingActivity(actor, body));
