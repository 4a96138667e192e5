import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { listNotifications } from '@/lib/notifications/queries';

export const GET = apiRoute(notificationsApi.list, ({ actor, query }) => listNotifications(actor, query));
