import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { addRiskTask } from '@/lib/risks/task-mutations';

export const POST = apiRoute(risksApi.addTask, ({ actor, params, body }) => addRiskTask(actor, { ...body, riskId: params.id }, params.id));
