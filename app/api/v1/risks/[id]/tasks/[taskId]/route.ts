import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { setRiskTaskStatus } from '@/lib/risks/task-mutations';

export const PUT = apiRoute(risksApi.setTaskStatus, ({ actor, params, body }) => setRiskTaskStatus(actor, { ...body, id: params.taskId }, params.id));
