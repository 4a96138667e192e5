import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/api-spec';
import { readEvidenceForm } from '@/lib/evidence/form';
import { addEvidence } from '@/lib/evidence/mutations';
import { listEvidence } from '@/lib/evidence/queries';

export const GET = apiRoute(evidenceApi.list, ({ actor, query }) => listEvidence(actor, query));

export const POST = apiRoute(evidenceApi.upload, async ({ actor, req }) => {
  const { meta, file } = await readEvidenceForm(req);
  return addEvidence(actor, meta, file);
});
