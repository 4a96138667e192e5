import { apiRoute } from '@/lib/api/route';
import { reportsApi } from '@/lib/reports/api-spec';
import { getTechnicalDocumentationStatus } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.technicalDocumentation, ({ actor, params }) => getTechnicalDocumentationStatus(actor, params.id));
