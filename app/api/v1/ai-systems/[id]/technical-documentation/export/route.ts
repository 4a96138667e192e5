import { apiRoute } from '@/lib/api/route';
import { documentResponse } from '@/lib/reports/http';
import { reportsApi } from '@/lib/reports/api-spec';
import { exportTechnicalDocumentation } from '@/lib/reports/queries';

export const GET = apiRoute(reportsApi.technicalDocumentationExport, async ({ actor, params, query }) => documentResponse(await exportTechnicalDocumentation(actor, params.id, query)));
