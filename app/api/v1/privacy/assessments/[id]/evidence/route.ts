import { apiRoute } from '@/lib/api/route';
import { privacyApi } from '@/lib/privacy/api-spec';
import { storeAssessmentEvidence } from '@/lib/privacy/assessments/pdf';

export const POST = apiRoute(privacyApi.storeAssessmentEvidence, ({ actor, params }) => storeAssessmentEvidence(actor, params.id));
