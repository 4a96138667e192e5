import { apiRoute } from '@/lib/api/route';
import { risksApi } from '@/lib/risks/api-spec';
import { saveScaleLevel } from '@/lib/risks/mutations';
import { riskScale } from '@/lib/risks/queries';

export const GET = apiRoute(risksApi.scale, ({ actor }) => riskScale(actor));
export const PUT = apiRoute(risksApi.saveScale, ({ actor, body }) => saveScaleLevel(actor, body));
