// Model card exports: Markdown for people, JSON with Google Model Card
// Toolkit field names (model_details, model_parameters, quantitative_analysis,
// considerations) where they overlap; the rest sits under "x_portal".
import { CARD_SECTIONS, type ModelCard } from './schema';

export type CardData = {
  model: { key: string; name: string; purpose: string; system: string; owner: { name: string; email: string }; businessOwner: { name: string; email: string } | null };
  version: { label: string; stage: string; createdAt: string; createdBy: string; framework: string; artifactUri: string | null; artifactDigest: string | null };
  card: ModelCard;
  metrics: { name: string; value: number; threshold: number | null; direction: 'AT_LEAST' | 'AT_MOST' }[];
  groups: { attribute: string; groupValue: string; count: number; selectionRate: number | null; recall: number | null; accuracy: number | null }[];
  datasets: { name: string; role: 'TRAINING' | 'EVALUATION'; classification: string }[];
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

export function modelCardJson(d: CardData) {
  const c = d.card;
  return {
    schema_version: '0.0.2',
    model_details: {
      name: d.model.name,
      overview: c.modelDetails ?? '',
      owners: [{ name: d.model.owner.name, contact: d.model.owner.email }, ...(d.model.businessOwner ? [{ name: d.model.businessOwner.name, contact: d.model.businessOwner.email }] : [])],
      version: { name: d.version.label, date: d.version.createdAt },
      path: d.version.artifactUri ?? undefined,
    },
    model_parameters: {
      model_architecture: d.version.framework,
      data: d.datasets.map((ds) => ({ name: ds.name, sensitive: { sensitive_data: ds.classification === 'RESTRICTED' || ds.classification === 'CONFIDENTIAL' ? [ds.classification.toLowerCase()] : [] } })),
    },
    quantitative_analysis: {
      performance_metrics: [
        ...d.metrics.map((m) => ({ type: m.name, value: String(m.value), threshold: m.threshold == null ? undefined : String(m.threshold) })),
        ...d.groups.flatMap((g) => (g.selectionRate == null ? [] : [{ type: 'selection_rate', value: String(g.selectionRate), slice: `${g.attribute}=${g.groupValue}` }])),
      ],
    },
    considerations: {
      use_cases: c.intendedUse ? [{ description: c.intendedUse }] : [],
      limitations: c.limitations ? [{ description: c.limitations }] : [],
      ethical_considerations: [
        ...(c.ethicalConsiderations ? [{ name: c.ethicalConsiderations, mitigation_strategy: '' }] : []),
        ...d.mitigations.map((m) => ({ name: `${m.attribute}: ${m.check}`, mitigation_strategy: m.mitigation })),
      ],
    },
    x_portal: {
      model_key: d.model.key,
      ai_system: d.model.system,
      stage: d.version.stage,
      artifact_sha256: d.version.artifactDigest,
      out_of_scope_uses: c.outOfScopeUses ?? '',
      factors: c.factors ?? '',
      metrics: c.metrics ?? '',
      evaluation_data: c.evaluationData ?? '',
      training_data: c.trainingData ?? '',
      quantitative_analyses: c.quantitativeAnalyses ?? '',
      caveats_and_recommendations: c.caveatsAndRecommendations ?? '',
      performance_thresholds: thresholdLines(d.metrics),
    },
  };
}
