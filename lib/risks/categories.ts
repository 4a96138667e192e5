// The categories a risk is filed under, shipped as data with their sources.
// Keys are stable (stored on each risk); labels and descriptions are ours,
// short paraphrases of the published taxonomies.

export type RiskCategorySource = { key: 'nist-ai-rmf' | 'mit-ai-risk-repository'; title: string; version: string; url: string; licence: string };

export const RISK_CATEGORY_SOURCES: readonly RiskCategorySource[] = [
  {
    key: 'nist-ai-rmf',
    title: 'NIST AI Risk Management Framework (AI RMF 1.0), section 3: characteristics of trustworthy AI systems',
    version: '1.0 (NIST AI 100-1, January 2023)',
    url: 'https://doi.org/10.6028/NIST.AI.100-1',
    licence: 'Public domain (work of the U.S. Government)',
  },
  {
    key: 'mit-ai-risk-repository',
    title: 'MIT AI Risk Repository, Domain Taxonomy of AI Risks (Slattery et al.)',
    version: 'Domain taxonomy, 7 domains (2024)',
    url: 'https://airisk.mit.edu/',
    licence: 'CC BY 4.0',
  },
];

export type RiskCategory = { key: string; source: RiskCategorySource['key']; label: string; description: string };

export const RISK_CATEGORIES: readonly RiskCategory[] = [
  { key: 'nist.valid-reliable', source: 'nist-ai-rmf', label: 'Valid and reliable', description: 'The system does what it is meant to, accurately and robustly, over time and conditions.' },
  { key: 'nist.safe', source: 'nist-ai-rmf', label: 'Safe', description: 'The system does not endanger human life, health, property or the environment.' },
  { key: 'nist.secure-resilient', source: 'nist-ai-rmf', label: 'Secure and resilient', description: 'The system withstands attacks and unexpected changes, and recovers from them.' },
  { key: 'nist.accountable-transparent', source: 'nist-ai-rmf', label: 'Accountable and transparent', description: 'Information about the system and its outputs is available to those who interact with it.' },
  { key: 'nist.explainable-interpretable', source: 'nist-ai-rmf', label: 'Explainable and interpretable', description: 'How the system works and what its outputs mean can be understood by its users.' },
  { key: 'nist.privacy-enhanced', source: 'nist-ai-rmf', label: 'Privacy-enhanced', description: 'The system protects human autonomy, identity and dignity through privacy practices.' },
  { key: 'nist.fair', source: 'nist-ai-rmf', label: 'Fair, with harmful bias managed', description: 'Equality and equity are considered; systemic, computational and human biases are managed.' },
  { key: 'mit.discrimination-toxicity', source: 'mit-ai-risk-repository', label: 'Discrimination and toxicity', description: 'Unfair treatment of groups, exposure to toxic content, unequal performance across groups.' },
  { key: 'mit.privacy-security', source: 'mit-ai-risk-repository', label: 'Privacy and security', description: 'Leaks or inference of sensitive information; vulnerabilities and attacks on AI systems.' },
  { key: 'mit.misinformation', source: 'mit-ai-risk-repository', label: 'Misinformation', description: 'False or misleading information and the pollution of the information ecosystem.' },
  { key: 'mit.malicious-use', source: 'mit-ai-risk-repository', label: 'Malicious actors and misuse', description: 'Use of AI for disinformation, surveillance, cyberattacks, fraud or weapons.' },
  { key: 'mit.human-computer-interaction', source: 'mit-ai-risk-repository', label: 'Human-computer interaction', description: 'Overreliance and unsafe use; loss of human agency and autonomy.' },
  { key: 'mit.socioeconomic-environmental', source: 'mit-ai-risk-repository', label: 'Socioeconomic and environmental', description: 'Concentration of power, inequality, labour effects, governance failure and environmental harm.' },
  { key: 'mit.system-safety', source: 'mit-ai-risk-repository', label: 'AI system safety, failures and limitations', description: 'Goals in conflict with human values, lack of capability or robustness, lack of transparency.' },
];

export const RISK_CATEGORY_KEYS = RISK_CATEGORIES.map((c) => c.key) as [string, ...string[]];
const BY_KEY = new Map(RISK_CATEGORIES.map((c) => [c.key, c]));

export const categoryLabel = (key: string) => BY_KEY.get(key)?.label ?? key;
/** A category by its key, or by its label in any case (for imported spreadsheets). */
export function findCategory(keyOrLabel: string): RiskCategory | undefined {
  const t = keyOrLabel.trim();
  return BY_KEY.get(t) ?? RISK_CATEGORIES.find((c) => c.label.toLowerCase() === t.toLowerCase());
}
