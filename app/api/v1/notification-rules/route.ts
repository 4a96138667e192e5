import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { listReminderRules } from '@/lib/notifications/rule-settings';

export const GET = apiRoute(notificationsApi.rules, async ({ actor }) => ({ items: await listReminderRules(actor) }));
