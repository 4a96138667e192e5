import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { parseCsv } from '@/lib/csv';
import { db } from '@/lib/db';
import { anonymityFigures } from './anonymisation';
import { invalid } from './checks';
import { anonymisationFormSchema } from './schema';

/**
 * Runs the anonymisation check on an uploaded CSV sample. The sample is read
 * in memory and dropped: only the figures (and the column names) are kept,
 * in the audit trail. Privacy managers, and a dataset's owner for their dataset.
 */
export async function runAnonymisationCheck(actor: Actor, input: unknown) {
  const data = anonymisationFormSchema.parse(input);
  let datasetName: string | null = null;
  if (data.datasetId) {
    const d = await db.dataset.findFirst({ where: { id: data.datasetId, orgId: actor.orgId }, select: { id: true, name: true, ownerId: true } });
    if (!d) throw invalid('datasetId', `Unknown dataset: ${data.datasetId}.`);
    if (!can(actor, 'privacy:manage')) authorize(actor, 'privacy:respond', { ownerIds: [d.ownerId] });
    datasetName = d.name;
  } else authorize(actor, 'privacy:manage');
  const text = Buffer.from(await data.file.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, '');
  const [header = [], ...rows] = parseCsv(text);
  if (!header.length) throw invalid('file', 'The sample has no header row.');
  let figures;
  try {
    figures = anonymityFigures(header, rows.filter((r) => r.some((c) => c.trim() !== '')), { quasiIdentifiers: data.quasiIdentifiers, sensitive: data.sensitive || null, k: data.k });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const aboutSensitive = message.includes('sensitive attribute') || (!!data.sensitive && message === `Not a column of the sample: ${data.sensitive}`);
    throw invalid(aboutSensitive ? 'sensitive' : 'quasiIdentifiers', message);
  }
  await db.$transaction((tx) =>
    recordEvent(tx, actor, {
      action: 'privacy.anonymisation_checked',
      entityType: data.datasetId ? 'dataset' : 'anonymisation-check',
      entityId: data.datasetId ?? 'sample',
      after: { ...figures, warnings: figures.warnings.length, fileName: data.file.name.slice(0, 200) },
    }),
  );
  return { ...figures, dataset: datasetName };
}
