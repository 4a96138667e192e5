import 'server-only';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { auditorScope, subjectRequestWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { tableCsv } from '@/lib/xlsx';
import { conflict } from '../checks';
import { EXPORT_TYPES } from '../schema';
import { locateDatasets } from './locate';

/**
 * The access / portability package: a JSON document (machine-readable, Art.
 * 20) and a CSV per part, zipped. Built on request and never stored; the
 * export itself is in the audit trail.
 */
export async function subjectExportPackage(actor: Actor, id: string): Promise<{ fileName: string; body: Buffer }> {
  // The package holds the subject's personal data: it goes to those who answer the request, not to auditors
  // (who read the request and its trail, within their scope, like every other read of a request).
  authorize(actor, 'privacy:manage');
  const r = await db.subjectRequest.findFirst({ where: { id, orgId: actor.orgId, ...subjectRequestWhere(await auditorScope(actor)) } });
  if (!r) throw notFound('The request');
  if (!EXPORT_TYPES.includes(r.type)) throw conflict('Only access, portability and right-to-know requests have an export package.');
  if (!r.verifiedAt) throw conflict('Verify the subject’s identity before exporting their data.');
  const datasets = await locateDatasets(db, actor.orgId, r.dataCategories, r.location);
  const activities = await db.processingActivity.findMany({
    where: { orgId: actor.orgId, OR: [{ datasetIds: { hasSome: datasets.map((d) => d.id) } }, ...(r.systemId ? [{ systemIds: { has: r.systemId } }] : [])] },
    select: { name: true, purposes: true, recipients: true, retention: true, transfers: true },
  });
  const doc = {
    request: { reference: r.reference, type: r.type, regime: r.regime, receivedAt: r.receivedAt.toISOString() },
    subject: { name: r.subjectName, email: r.subjectEmail, reference: r.subjectRef },
    // Art. 15(1): purposes, categories, recipients, retention, source.
    processing: activities,
    datasets: datasets.map((d) => ({ name: d.name, categories: d.matched, storageLocation: d.storageLocation })),
    generatedAt: new Date().toISOString(),
  };
  const zip = new ZipFile();
  const opts = { mtime: new Date('2000-01-01T00:00:00Z') };
  zip.addBuffer(Buffer.from(JSON.stringify(doc, null, 2)), 'subject-data.json', opts);
  zip.addBuffer(tableCsv({ name: 'datasets', columns: [{ key: 'name', header: 'Dataset' }, { key: 'categories', header: 'Categories' }, { key: 'storageLocation', header: 'Storage location' }], rows: doc.datasets.map((d) => ({ ...d, categories: d.categories.join('; ') })) }), 'datasets.csv', opts);
  zip.addBuffer(
    tableCsv({ name: 'processing', columns: [{ key: 'name', header: 'Processing activity' }, { key: 'recipients', header: 'Recipients' }, { key: 'retention', header: 'Retention' }], rows: activities.map((a) => ({ name: a.name, recipients: a.recipients.join('; '), retention: a.retention })) }),
    'processing.csv',
    opts,
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as unknown as Readable) chunks.push(c as Buffer);
  await db.$transaction((tx) => recordEvent(tx, actor, { action: 'privacy.request_exported', entityType: 'subject-request', entityId: id, changes: { datasets: datasets.length, activities: activities.length } }));
  return { fileName: `${r.reference}-export.zip`, body: Buffer.concat(chunks) };
}
