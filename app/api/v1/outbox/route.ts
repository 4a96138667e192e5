import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { listOutbox } from '@/lib/notifications/queries';

export const GET = apiRoute(notificationsApi.outbox, ({ actor, query }) => listOutbox(actor, query));
