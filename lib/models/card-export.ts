// Model card exports: Markdown for people, and JSON in Google's Model Card
// Toolkit format (schema v0.0.2, shipped in lib/models/model-card-toolkit/ and
// validated in card-export.test.ts). The toolkit's parser refuses unknown
// fields, so what the schema has no field for goes where it allows free text:
// model_details.documentation and each dataset's description.
import { CARD_SECTIONS, STAGE_LABELS, type ModelCard, type Stage } from './schema';

export type CardData = {
  model: { key: string; name: string; purpose: string; system: string; owner: { name: string; email: string }; businessOwner: { name: string; email: string } | null };
  version: { label: string; stage: string; createdAt: string; createdBy: string; framework: string; artifactUri: string | null; artifactDigest: string | null };
  card: ModelCard;
  metrics: { name: string; value: number; threshold: number | null; direction: 'AT_LEAST' | 'AT_MOST' }[];
  groups: { attribute: string; groupValue: string; count: number; selectionRate: number | null; recall: number | null; accuracy: number | null }[];
  /** `sensitiveFields`: the personal-data categories the dataset holds; null when the reader may not see a restricted dataset's details. */
  datasets: { name: string; role: 'TRAINING' | 'EVALUATION'; classification: string; description: string; sensitiveFields: string[] | null }[];
  mitigations: { attribute: string; check: string; mitigation: string }[];
};

const op = (d: 'AT_LEAST' | 'AT_MOST') => (d === 'AT_MOST' ? '≤' : '≥');

export function thresholdLines(metrics: CardData['metrics']): string[] {
  return metrics.filter((m) => m.threshold != null).map((m) => `${m.name} ${op(m.direction)} ${m.threshold}`);
}

export function modelCardMarkdown(d: CardData): string {
  const out: string[] = [`# Model card: ${d.model.name} ${d.version.label}`, ''];
  out.push(`- AI system: ${d.model.system}`, `- Stage: ${d.version.stage}`, `- Owner: ${d.model.owner.name}`);
  if (d.model.businessOwner) out.push(`- Business owner: ${d.model.businessOwner.name}`);
  out.push(`- Framework: ${d.version.framework || '—'}`, `- Artifact: ${d.version.artifactUri ?? '—'} (sha256 ${d.version.artifactDigest ?? 'missing'})`, '');
  for (const [key, label] of CARD_SECTIONS) {
    out.push(`## ${label}`, '', d.card[key]?.trim() || '_Not written yet._', '');
  }
  out.push('## Performance thresholds', '');
  if (d.metrics.length) {
    out.push('| Metric | Value | Threshold | Meets |', '|---|---|---|---|');
    for (const m of d.metrics) {
      const meets = m.threshold == null ? '—' : (m.direction === 'AT_MOST' ? m.value <= m.threshold : m.value >= m.threshold) ? 'yes' : 'no';
      out.push(`| ${m.name} | ${m.value} | ${m.threshold == null ? '—' : `${op(m.direction)} ${m.threshold}`} | ${meets} |`);
    }
  } else out.push('_No metrics recorded._');
  out.push('');
  if (d.groups.length) {
    out.push('## Disaggregated results', '', '| Attribute | Group | Count | Selection rate | Recall | Accuracy |', '|---|---|---|---|---|---|');
    for (const g of d.groups) out.push(`| ${g.attribute} | ${g.groupValue} | ${g.count} | ${g.selectionRate ?? '—'} | ${g.recall ?? '—'} | ${g.accuracy ?? '—'} |`);
    out.push('');
  }
  if (d.mitigations.length) {
    out.push('## Accepted fairness mitigations', '');
    for (const m of d.mitigations) out.push(`- ${m.attribute} / ${m.check}: ${m.mitigation}`);
    out.push('');
  }
  return out.join('\n');
}

/** The subset of Model Card Toolkit v0.0.2 this export writes. */
export type ModelCardToolkitJson = {
  schema_version: '0.0.2';
  model_details: {
    name: string;
    overview: string;
    documentation: string;
    owners: { name: string; contact: string }[];
    version: { name: string; date: string };
    path?: string;
  };
  model_parameters: {
    model_architecture: string;
    data: { name: string; description: string; sensitive: { sensitive_data: string[] } }[];
  };
  quantitative_analysis: { performance_metrics: { type: string; value: string; slice?: string }[] };
  considerations: {
    use_cases: { description: string }[];
    limitations: { description: string }[];
    ethical_considerations: { name: string; mitigation_strategy: string }[];
  };
};

const ROLE_TEXT = { TRAINING: 'Training data', EVALUATION: 'Evaluation data' } as const;
const lower = (s: string) => s.toLowerCase();

/** The card's sections and governance facts that have no field of their own in Model Card Toolkit v0.0.2, as Markdown. */
function documentation(d: CardData): string {
  const c = d.card;
  const out: string[] = [
    `AI system: ${d.model.system}. Model key: ${d.model.key}. Stage: ${STAGE_LABELS[d.version.stage as Stage] ?? d.version.stage}. Created by ${d.version.createdBy}.`,
  ];
  if (d.version.artifactUri || d.version.artifactDigest) out.push(`Artifact: ${d.version.artifactUri ?? '—'} (SHA-256 ${d.version.artifactDigest ?? 'not recorded'}).`);
  const section = (title: string, body: string | undefined) => body?.trim() && out.push(`## ${title}`, body.trim());
  section('Factors', c.factors);
  section('Metrics', c.metrics);
  const thresholds = d.metrics.filter((m) => m.threshold != null);
  if (thresholds.length) {
    out.push('## Performance thresholds', thresholds.map((m) => `- ${m.name} ${op(m.direction)} ${m.threshold} (measured ${m.value}: ${(m.direction === 'AT_MOST' ? m.value <= m.threshold! : m.value >= m.threshold!) ? 'meets' : 'does not meet'})`).join('\n'));
  }
  // Training and evaluation text belongs to the datasets; without a dataset of that role it stays here.
  if (!d.datasets.some((ds) => ds.role === 'TRAINING')) section('Training data', c.trainingData);
  if (!d.datasets.some((ds) => ds.role === 'EVALUATION')) section('Evaluation data', c.evaluationData);
  section('Quantitative analyses', c.quantitativeAnalyses);
  return out.join('\n\n');
}

export function modelCardJson(d: CardData): ModelCardToolkitJson {
  const c = d.card;
  const roleText = { TRAINING: c.trainingData, EVALUATION: c.evaluationData };
  return {
    schema_version: '0.0.2',
    model_details: {
      name: d.model.name,
      overview: c.modelDetails ?? '',
      documentation: documentation(d),
      owners: [{ name: d.model.owner.name, contact: d.model.owner.email }, ...(d.model.businessOwner ? [{ name: d.model.businessOwner.name, contact: d.model.businessOwner.email }] : [])],
      // The schema's version date is a calendar date (format "date"), in UTC.
      version: { name: d.version.label, date: d.version.createdAt.slice(0, 10) },
      ...(d.version.artifactUri ? { path: d.version.artifactUri } : {}),
    },
    model_parameters: {
      model_architecture: d.version.framework,
      data: d.datasets.map((ds) => ({
        name: ds.name,
        description: [`${ROLE_TEXT[ds.role]}.`, `Classification: ${lower(ds.classification)}.`, ds.description.trim(), roleText[ds.role]?.trim()].filter(Boolean).join(' '),
        sensitive: { sensitive_data: ds.sensitiveFields ?? [] },
      })),
    },
    quantitative_analysis: {
      performance_metrics: [
        ...d.metrics.map((m) => ({ type: m.name, value: String(m.value) })),
        ...d.groups.flatMap((g) =>
          (
            [
              ['selection_rate', g.selectionRate],
              ['recall', g.recall],
              ['accuracy', g.accuracy],
            ] as const
          ).flatMap(([type, v]) => (v == null ? [] : [{ type, value: String(v), slice: `${g.attribute}=${g.groupValue}` }])),
        ),
      ],
    },
    considerations: {
      use_cases: c.intendedUse ? [{ description: c.intendedUse }] : [],
      limitations: [
        ...(c.limitations ? [{ description: c.limitations }] : []),
        ...(c.outOfScopeUses ? [{ description: `Out of scope: ${c.outOfScopeUses}` }] : []),
        ...(c.caveatsAndRecommendations ? [{ description: `Caveats and recommendations: ${c.caveatsAndRecommendations}` }] : []),
      ],
      ethical_considerations: [
        ...(c.ethicalConsiderations ? [{ name: c.ethicalConsiderations, mitigation_strategy: d.mitigations.length ? 'See the accepted fairness mitigations below.' : '' }] : []),
        ...d.mitigations.map((m) => ({ name: `${m.attribute}: ${m.check}`, mitigation_strategy: m.mitigation })),
      ],
    },
  };
}
