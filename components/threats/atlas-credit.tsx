import { ATLAS_SOURCE } from '@/lib/threats/components';

/** The licence line ATLAS is shipped under (prisma/seed-data/atlas/NOTICE.md). */
export function AtlasCredit({ version }: { version: string }) {
  return (
    <p className="mt-6 text-xs text-slate-700">
      Techniques and mitigations: <a href={ATLAS_SOURCE.url}>{ATLAS_SOURCE.title}</a> {version} (<a href={ATLAS_SOURCE.data}>atlas-data</a>), {ATLAS_SOURCE.licence}. The OWASP Top 10 for LLM Applications (2025) and the OWASP Machine Learning Security Top 10 are in the requirements library.
    </p>
  );
}
