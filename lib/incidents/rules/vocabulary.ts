// The facts' vocabulary of the notification rule language, which the report
// form shows in the browser: data only, no zod (lib/client-bundle.test.ts).
// ./language.ts builds its schemas on it and re-exports it.

/** Yes/no facts of an incident, each with the legal wording it stands for. */
export const FLAGS = {
  death: 'Death of a person (EU AI Act Art. 3(49)(a))',
  seriousHealthHarm: 'Serious harm to a person’s health (EU AI Act Art. 3(49)(a))',
  criticalInfrastructureDisruption: 'Serious and irreversible disruption of the management or operation of critical infrastructure (EU AI Act Art. 3(49)(b); critical infrastructure as in Directive (EU) 2022/2557 Art. 2(4))',
  fundamentalRightsInfringement: 'Infringement of obligations under Union law intended to protect fundamental rights (EU AI Act Art. 3(49)(c))',
  propertyEnvironmentHarm: 'Serious harm to property or the environment (EU AI Act Art. 3(49)(d))',
  widespreadInfringement: 'Widespread infringement: harms the collective interests of individuals in at least two Member States other than where it originated or the operator is established, or the same practice concurrently in at least three Member States (EU AI Act Art. 3(61))',
  highRiskToIndividuals: 'The personal data breach is likely to result in a high risk to the rights and freedoms of natural persons (GDPR Art. 34(1))',
  breachUnlikelyToResultInRisk: 'The personal data breach is unlikely to result in a risk to the rights and freedoms of natural persons (GDPR Art. 33(1) exception)',
  dataEncrypted: 'The data was encrypted (or otherwise secured) and the key was not compromised (HIPAA “unsecured PHI”, GDPR Art. 34(3)(a), state and GLBA encryption exemptions)',
  significantIncident: 'Significant incident: severe operational disruption or financial loss, or considerable damage to others (NIS2 Art. 23(3))',
  majorIctIncident: 'Major ICT-related incident (DORA Art. 3(10), classified under Art. 18 and Delegated Regulation (EU) 2024/1772)',
  cybersecurityIncident: 'Cybersecurity incident: an unauthorised occurrence on or through information systems that jeopardises their confidentiality, integrity or availability or any information in them (17 CFR 229.106(a))',
  nydfsReportableEvent: 'Cybersecurity incident under 23 NYCRR 500.1(g): requires notice to a government or supervisory body, is reasonably likely to materially harm normal operations, or deploys ransomware in a material part of the systems',
  nearMiss: 'Near miss: caught before anyone was affected',
} as const;
export type Flag = keyof typeof FLAGS;
export const FLAG_KEYS = Object.keys(FLAGS) as Flag[];

export const DATA_CATEGORIES = {
  PERSONAL_DATA: 'Personal data (GDPR Art. 4(1))',
  SPECIAL_CATEGORY: 'Special categories of personal data (GDPR Art. 9(1): health, biometric for identification, genetic, racial or ethnic origin, …)',
  PHI: 'Protected health information (HIPAA, 45 CFR 160.103)',
  BIOMETRIC: 'Biometric data (not PHI by itself)',
  MEDICAL: 'Medical or health-insurance information (state breach laws)',
  GOVERNMENT_ID: 'Government identifier: social security, driver’s licence, passport or state ID number',
  FINANCIAL_ACCOUNT: 'Financial account or card number with its access code',
  CREDENTIALS: 'Username or e-mail address with password or security answer',
  CUSTOMER_INFORMATION: 'Customer information of a financial institution (GLBA, 16 CFR 314.2)',
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;
export const DATA_CATEGORY_KEYS = Object.keys(DATA_CATEGORIES) as DataCategory[];

export const ENTITY_ROLES = {
  CONTROLLER: 'Controller (GDPR Art. 4(7))',
  PROCESSOR: 'Processor (GDPR Art. 4(8))',
  COVERED_ENTITY: 'HIPAA covered entity (45 CFR 160.103)',
  BUSINESS_ASSOCIATE: 'HIPAA business associate (45 CFR 160.103)',
  AI_PROVIDER: 'Provider of the AI system (EU AI Act Art. 3(3))',
  GPAI_SYSTEMIC_RISK: 'Provider of a general-purpose AI model with systemic risk (EU AI Act Art. 51)',
  ESSENTIAL_ENTITY: 'Essential entity (NIS2 Art. 3(1))',
  IMPORTANT_ENTITY: 'Important entity (NIS2 Art. 3(2))',
  FINANCIAL_ENTITY: 'Financial entity (DORA Art. 2)',
  SEC_REGISTRANT: 'SEC registrant (files Form 8-K)',
  NYDFS_COVERED_ENTITY: 'NYDFS covered entity (23 NYCRR 500.1)',
  FTC_FINANCIAL_INSTITUTION: 'Financial institution under the FTC Safeguards Rule (16 CFR 314.1)',
} as const;
export type EntityRole = keyof typeof ENTITY_ROLES;
export const ENTITY_ROLE_KEYS = Object.keys(ENTITY_ROLES) as EntityRole[];

/** Where affected AI systems operate (the AI system register's regions). */
export const OPERATING_REGIONS = ['EU', 'US', 'UK', 'CA', 'APAC', 'OTHER'] as const;
export const RISK_CLASSES = ['PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL', 'GENERAL_PURPOSE'] as const;
export const SECTORS = ['HEALTHCARE', 'FINANCE', 'ECOMMERCE', 'HR', 'OTHER'] as const;
export const MATERIALITY = ['NOT_ASSESSED', 'MATERIAL', 'NOT_MATERIAL'] as const;
export type Materiality = (typeof MATERIALITY)[number];
