// Rendering a 200-page EU AI Act technical documentation PDF (issue 19: < 10 s).
// A document of the shape lib/reports/technical-documentation.ts writes (the
// nine Annex IV points, a table of contents, per-model fields, hyperparameters,
// lineage, metrics, per-group results, version history), sized to at least
// 200 pages, rendered through lib/reports/document.ts → lib/pdf; the DOCX of
// the same document is timed beside it.
//   npm run bench -- reports     (or npm run bench:reports)
import type { Block, ReportDocument, Section } from '@/lib/reports/document';
import { figure } from './support';

const { renderDocumentPdf, renderDocumentDocx, documentHash } = await import('@/lib/reports/document');
const { barChart } = await import('@/lib/reports/charts');

const MODELS = 72;
const modelBlocks = (i: number): Block[] => [
  { kind: 'fields', rows: [['Model', `Model ${i} 2.${i}.0`], ['Framework', 'xgboost 2.1'], ['Artifact', `s3://models/m${i}/model.ubj`], ['Artifact SHA-256', 'ab'.repeat(32)], ['Registered', '2026-11-30 by Engineer']] },
  { kind: 'table', caption: `Hyperparameters of model ${i}`, columns: ['Parameter', 'Value'], rows: Array.from({ length: 24 }, (_, k) => [`param_${k}`, String(k * 0.1)]) },
  { kind: 'table', caption: `Datasets and lineage of model ${i}`, columns: ['Dataset', 'Role', 'Classification', 'Source', 'Transformation and steps'], rows: Array.from({ length: 8 }, (_, k) => [`Dataset ${k}`, k % 2 ? 'evaluation' : 'training', 'confidential', 'EHR export', 'Drop identifiers; impute vitals; bucket ages; split by date']), widths: [2, 1, 1.2, 1.6, 3] },
  { kind: 'paragraph', text: 'Training data: de-identified historical records, see lineage. '.repeat(6) },
  { kind: 'table', caption: `Results per group of model ${i}`, columns: ['Attribute', 'Group', 'Count', 'Accuracy', 'Selection rate'], rows: Array.from({ length: 24 }, (_, k) => ['age', `band ${k}`, 1000 + k, 0.8, 0.3]), align: ['left', 'left', 'right', 'right', 'right'] },
  { kind: 'table', caption: `Performance metrics of model ${i}`, columns: ['Metric', 'Value', 'Threshold', 'Meets'], rows: Array.from({ length: 10 }, (_, k) => [`metric ${k}`, 0.9, '≥ 0.8', 'yes']) },
];
const points = ['General description', 'Elements and development', 'Monitoring, functioning and control', 'Performance metrics', 'Risk management', 'Changes through the lifecycle', 'Standards applied', 'EU declaration of conformity', 'Post-market monitoring plan'];
const sections: Section[] = points.map((title, p) => ({
  title: `Annex IV point ${p + 1}: ${title}`,
  level: 1,
  status: 'complete',
  link: 'http://localhost:3000/models',
  blocks: p === 1 ? [] : p === 5 ? [{ kind: 'table', caption: 'Version history', columns: ['Date (UTC)', 'Change'], rows: Array.from({ length: 400 }, (_, k) => ['2026-11-30', `Model ${k % MODELS} version ${k} registered, promoted and signed off`]), widths: [1, 5] }] : [{ kind: 'paragraph', text: `${title}. `.repeat(40) }, { kind: 'chart', svg: barChart('Coverage', Array.from({ length: 8 }, (_, k) => ({ label: `Item ${k}`, value: k * 10 })), { max: 100, unit: '%' }), alt: 'Coverage' }],
}));
sections.splice(2, 0, ...Array.from({ length: MODELS }, (_, i): Section => ({ title: `Model ${i}`, level: 2, blocks: modelBlocks(i) })));
const doc: ReportDocument = { kind: 'technical-documentation', title: 'Technical documentation: benchmark system', subtitle: 'EU AI Act Article 11 and Annex IV', orgName: 'Bench Org', generatedAt: new Date(), locale: { tag: 'de-DE', timeZone: 'Europe/Berlin' }, toc: true, sections };

// Warm the fonts and code once, then time the real run.
await renderDocumentPdf({ ...doc, sections: sections.slice(0, 2) });
const hash = documentHash(doc);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const pdf = await renderDocumentPdf(doc, hash);
const pdfMs = performance.now() - t0;
// CPU time of this process: on a shared, loaded machine it moves far less than the wall clock.
const cpu = process.cpuUsage(cpu0);
figure('reports', '200-page technical documentation PDF render, CPU time', (cpu.user + cpu.system) / 1e6, 's');
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
console.log(`  technical documentation PDF: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB`);
figure('reports', 'technical documentation PDF pages', pages, 'pages', { op: '>=', value: 200 });
figure('reports', '200-page technical documentation PDF render', pdfMs / 1000, 's', { op: '<', value: 10 });
const t1 = performance.now();
const docx = await renderDocumentDocx(doc, hash);
figure('reports', 'same document as DOCX', (performance.now() - t1) / 1000, 's');
console.log(`  DOCX ${(docx.length / 1024).toFixed(0)} KiB`);
