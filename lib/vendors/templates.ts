// The shipped due-diligence questionnaires. Safe for the client. Each answer
// is free text with an optional document link; the AI-specific template asks
// what the EU AI Act and NIST AI RMF ask of a deployer about its suppliers.

export type Question = { key: string; text: string; hint?: string };
export type QuestionnaireTemplate = { key: string; title: string; description: string; sections: { title: string; questions: Question[] }[] };

export const QUESTIONNAIRE_TEMPLATES: readonly QuestionnaireTemplate[] = [
  {
    key: 'general-security',
    title: 'General security',
    description: 'Information security controls of a supplier that processes our data.',
    sections: [
      {
        title: 'Governance and assurance',
        questions: [
          { key: 'sec.certifications', text: 'Which security certifications or attestations do you hold (SOC 2 Type II, ISO/IEC 27001)? Give the period covered.', hint: 'Link the latest report or certificate.' },
          { key: 'sec.policies', text: 'Describe your information security policy and who owns it.' },
          { key: 'sec.subprocessors', text: 'List the subprocessors that will process our data, with their location.' },
        ],
      },
      {
        title: 'Controls',
        questions: [
          { key: 'sec.access', text: 'How is access to customer data granted, reviewed and revoked? Is multi-factor authentication enforced?' },
          { key: 'sec.encryption', text: 'How is our data encrypted in transit and at rest, and who holds the keys?' },
          { key: 'sec.vulnerability', text: 'How do you find and fix vulnerabilities (scanning, penetration tests, patch timelines)?' },
          { key: 'sec.incident', text: 'How and how fast will you notify us of a security incident affecting our data?' },
          { key: 'sec.continuity', text: 'Describe your backup, disaster recovery and business continuity arrangements.' },
        ],
      },
    ],
  },
  {
    key: 'ai-specific',
    title: 'AI-specific due diligence',
    description: 'For providers of models, AI APIs, training data and labelling: provenance, evaluation, incidents, retention and training on customer data.',
    sections: [
      {
        title: 'Training data provenance',
        questions: [
          { key: 'ai.provenance', text: 'What are the sources of the data your models were trained on, and on what legal basis was it collected?', hint: 'Licensed, public web, user-generated, synthetic…' },
          { key: 'ai.copyright', text: 'How do you respect copyright and opt-outs (e.g. text-and-data-mining reservations) in training data?' },
          { key: 'ai.personal-data', text: 'Does the training data contain personal data? How was it minimised or removed?' },
        ],
      },
      {
        title: 'Model evaluation',
        questions: [
          { key: 'ai.evaluation', text: 'How are your models evaluated before release (accuracy, robustness, bias), and can you share the results?', hint: 'Link a model card or evaluation report.' },
          { key: 'ai.red-team', text: 'Do you red-team your models (prompt injection, jailbreaks, data extraction)? How often?' },
          { key: 'ai.changes', text: 'How and how far in advance do you announce model changes or deprecations?' },
        ],
      },
      {
        title: 'Incidents, retention and use of our data',
        questions: [
          { key: 'ai.incident-notification', text: 'How and within what time will you notify us of an AI incident (harmful output, model failure, data leak)?' },
          { key: 'ai.retention', text: 'How long do you retain our prompts, inputs, outputs and files, and can we ask for deletion?' },
          { key: 'ai.training-on-customer-data', text: 'Do you use our data (prompts, outputs, files, feedback) to train or improve your models? Is that off by default, and can it be switched off contractually?' },
          { key: 'ai.human-review', text: 'Do your staff or contractors review our data? Under what conditions?' },
        ],
      },
    ],
  },
];

export const TEMPLATE_KEYS = QUESTIONNAIRE_TEMPLATES.map((t) => t.key) as [string, ...string[]];

export function templateByKey(key: string): QuestionnaireTemplate | null {
  return QUESTIONNAIRE_TEMPLATES.find((t) => t.key === key) ?? null;
}

export function questionKeys(template: QuestionnaireTemplate): string[] {
  return template.sections.flatMap((s) => s.questions.map((q) => q.key));
}
