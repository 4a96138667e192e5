import { apiRoute } from '@/lib/api/route';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { updateReminderRule } from '@/lib/notifications/rule-settings';

export const PATCH = apiRoute(notificationsApi.updateRule, ({ actor, params, body }) =>
  updateReminderRule(actor, { key: params.key, enabled: body.enabled, ...(body.leadDays ? { leadDays: body.leadDays.join(',') } : {}) }),
);
