import { apiRoute } from '@/lib/api/route';
import { interchangeApi } from '@/lib/interchange/api-spec';
import { exportAuditAssessmentResults } from '@/lib/interchange/oscal-export';

export const GET = apiRoute(interchangeApi.auditAssessmentResults, async ({ actor, params }) => ({ 'assessment-results': await exportAuditAssessmentResults(actor, params.id) }));
