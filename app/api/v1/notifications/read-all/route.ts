import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { markAllNotificationsRead } from '@/lib/notifications/mutations';

export const POST = apiRoute(notificationsApi.markAllRead, ({ actor }) => markAllNotificationsRead(actor));
