import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { markNotificationRead } from '@/lib/notifications/mutations';

export const POST = apiRoute(notificationsApi.markRead, ({ actor, params }) => markNotificationRead(actor, { id: params.id }));
