import { apiRoute } from '@/lib/api/route';
import { authorize } from '@/lib/auth/gate';
import { risksApi } from '@/lib/risks/api-spec';
import { importRisks, readRiskUpload } from '@/lib/risks/transfer';

export const POST = apiRoute(risksApi.import, async ({ actor, req }) => {
  // Refused before the upload is read.
  authorize(actor, 'risks:manage');
  return importRisks(actor, await readRiskUpload(req));
});
