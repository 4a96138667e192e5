import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { updateNotificationPreferences } from '@/lib/notifications/mutations';
import { getNotificationPreferences } from '@/lib/notifications/queries';

export const GET = apiRoute(notificationsApi.preferences, ({ actor }) => getNotificationPreferences(actor));
export const PUT = apiRoute(notificationsApi.updatePreferences, ({ actor, body }) => updateNotificationPreferences(actor, body));
