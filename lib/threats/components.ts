// The parts of an AI system a threat model walks through (issue 17): every
// system has the first four; LLM systems add prompts and retrieval.
export const THREAT_COMPONENTS = [
  { key: 'data-pipeline', label: 'Data pipeline' },
  { key: 'training', label: 'Training' },
  { key: 'model-artifact', label: 'Model artifact' },
  { key: 'serving-api', label: 'Serving API' },
  { key: 'prompts-rag', label: 'Prompts and retrieval (RAG)' },
] as const;

export const THREAT_COMPONENT_KEYS = THREAT_COMPONENTS.map((c) => c.key) as [string, ...string[]];
export const componentLabel = (key: string) => THREAT_COMPONENTS.find((c) => c.key === key)?.label ?? key;

export const THREAT_STATUSES = ['IDENTIFIED', 'MITIGATING', 'MITIGATED', 'ACCEPTED', 'NOT_APPLICABLE'] as const;
export type ThreatStatus = (typeof THREAT_STATUSES)[number];
export const THREAT_STATUS_LABELS: Record<ThreatStatus, string> = {
  IDENTIFIED: 'Identified',
  MITIGATING: 'Mitigation in progress',
  MITIGATED: 'Mitigated',
  ACCEPTED: 'Accepted',
  NOT_APPLICABLE: 'Not applicable',
};

export const ATLAS_SOURCE = { title: 'MITRE ATLAS', url: 'https://atlas.mitre.org/', data: 'https://github.com/mitre-atlas/atlas-data', licence: 'Apache License 2.0, © MITRE' } as const;
