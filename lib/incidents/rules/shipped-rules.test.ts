import { describe, expect, it } from 'vitest';
import { obligations } from './evaluate';
import { emptyFlags, type Flag, type IncidentFacts } from './language';
import { shippedRules } from './shipped';

// Worked cases for every shipped rule, each written from the provision it
// encodes (quoted in the case). T0 is a Monday.
const T0 = '2026-03-02T09:00:00.000Z';
const H = 3_600_000;
const D = 24 * H;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

type Over = Partial<Omit<IncidentFacts, 'flags' | 'events'>> & { flags?: Flag[]; events?: Partial<IncidentFacts['events']> };
function facts(over: Over = {}): IncidentFacts {
  const { flags = [], events = {}, ...rest } = over;
  return {
    flags: { ...emptyFlags(), ...Object.fromEntries(flags.map((f) => [f, true])) },
    dataCategories: [],
    roles: [],
    peopleAffected: null,
    residents: {},
    operatesIn: [],
    riskClasses: [],
    sectors: [],
    materiality: 'NOT_ASSESSED',
    notified: {},
    ...rest,
    events: { detection: T0, awareness: null, classification: null, materialityDetermination: null, ...events },
  };
}

const lib = shippedRules();
const rule = (key: string) => {
  const r = lib.rules.find((x) => x.key === key);
  if (!r) throw new Error(`no shipped rule ${key}`);
  return r;
};
/** The rule evaluated alone (the other rules only name earlier notifications). */
const one = (key: string, f: IncidentFacts) => obligations([rule(key)], f, [], new Date(T0)).find((o) => o.ruleKey === key) ?? null;
const all = (f: IncidentFacts) => obligations(lib.rules, f, [], new Date(T0));

const euController = { roles: ['CONTROLLER' as const], operatesIn: ['EU'], dataCategories: ['PERSONAL_DATA' as const], peopleAffected: 120 };
const coveredEntity = (n: number | null, extra: Over = {}) => facts({ roles: ['COVERED_ENTITY'], dataCategories: ['PHI'], peopleAffected: n, operatesIn: ['US'], ...extra });
const aiProvider = (flags: Flag[], operatesIn = ['EU']) => facts({ roles: ['AI_PROVIDER'], riskClasses: ['HIGH'], operatesIn, flags });
const state = (code: string, n: number, extra: Over = {}) => facts({ residents: { [`US-${code}`]: n }, peopleAffected: n, dataCategories: ['GOVERNMENT_ID'], ...extra });

type Case = [name: string, key: string, f: IncidentFacts, expected: { dueAt: string | null; state?: string } | null];

const cases: Case[] = [
  // GDPR
  ['GDPR Art. 33(1) "not later than 72 hours after having become aware of it": EU controller', 'gdpr-art-33', facts(euController), { dueAt: at(72 * H) }],
  ['GDPR Art. 3 territorial scope: a system operated only in the US, with US residents, is not notified to an EU authority', 'gdpr-art-33', facts({ ...euController, operatesIn: ['US'], residents: { 'US-CA': 120 } }), null],
  ['GDPR Art. 3(2): people in the Union bring a non-EU system into scope', 'gdpr-art-33', facts({ ...euController, operatesIn: ['US'], residents: { EU: 3 } }), { dueAt: at(72 * H) }],
  ['GDPR Art. 33(1) "unless the personal data breach is unlikely to result in a risk"', 'gdpr-art-33', facts({ ...euController, flags: ['breachUnlikelyToResultInRisk'] }), null],
  ['GDPR Art. 33(2) "The processor shall notify the controller without undue delay": no outer limit', 'gdpr-art-33-2', facts({ ...euController, roles: ['PROCESSOR'] }), { dueAt: null, state: 'open' }],
  ['GDPR Art. 33(2) is the processor’s duty, not the controller’s', 'gdpr-art-33-2', facts(euController), null],
  ['GDPR Art. 34(1) "likely to result in a high risk … communicate … to the data subject without undue delay"', 'gdpr-art-34', facts({ ...euController, flags: ['highRiskToIndividuals'] }), { dueAt: null, state: 'open' }],
  ['GDPR Art. 34(3)(a) not required where the data is "unintelligible to any person who is not authorised", e.g. encryption', 'gdpr-art-34', facts({ ...euController, flags: ['highRiskToIndividuals', 'dataEncrypted'] }), null],
  // HIPAA
  ['HIPAA 164.404(b) "in no case later than 60 calendar days after discovery of a breach"', 'hipaa-164-404', coveredEntity(600), { dueAt: at(60 * D) }],
  ['HIPAA 164.402: biometric data is not protected health information by itself', 'hipaa-164-404', coveredEntity(600, { dataCategories: ['BIOMETRIC', 'SPECIAL_CATEGORY'] }), null],
  ['HIPAA 164.402 "unsecured" PHI only: encrypted data is no breach to notify', 'hipaa-164-404', coveredEntity(600, { flags: ['dataEncrypted'] }), null],
  ['HIPAA 164.408(b) "involving 500 or more individuals … contemporaneously with … 164.404": 600 people', 'hipaa-164-408-500', coveredEntity(600), { dueAt: at(60 * D) }],
  ['HIPAA 164.408(b) does not apply to fewer than 500 individuals: 400 people', 'hipaa-164-408-500', coveredEntity(400), null],
  ['HIPAA 164.408(c) "less than 500 individuals … not later than 60 days after the end of each calendar year": 400 people', 'hipaa-164-408-annual', coveredEntity(400), { dueAt: '2027-03-02T05:00:00.000Z' }],
  ['HIPAA 164.408(c) does not apply at 500 or more: 600 people', 'hipaa-164-408-annual', coveredEntity(600), null],
  ['HIPAA 164.406(a) "more than 500 residents of a State or jurisdiction": 600 in California', 'hipaa-164-406', coveredEntity(600, { residents: { 'US-CA': 600 } }), { dueAt: at(60 * D) }],
  ['HIPAA 164.406(a) counts per State: 400 in California and 300 in New York (700 in all) is not "more than 500 residents of a State"', 'hipaa-164-406', coveredEntity(700, { residents: { 'US-CA': 400, 'US-NY': 300 } }), null],
  ['HIPAA 164.406(a) "more than 500": exactly 500 residents does not trigger media notice', 'hipaa-164-406', coveredEntity(500, { residents: { 'US-TX': 500 } }), null],
  ['HIPAA 164.410(b) business associate: "in no case later than 60 calendar days after discovery"', 'hipaa-164-410', facts({ roles: ['BUSINESS_ASSOCIATE'], dataCategories: ['PHI'], peopleAffected: 20 }), { dueAt: at(60 * D) }],
  ['HIPAA 164.410 binds business associates, not covered entities', 'hipaa-164-410', coveredEntity(20), null],
  // EU AI Act
  ['EU AI Act Art. 73(2) "not later than 15 days after the provider … becomes aware": Art. 3(49)(d) serious harm to property', 'eu-ai-act-art-73', aiProvider(['propertyEnvironmentHarm']), { dueAt: at(15 * D) }],
  ['EU AI Act Art. 73(1) "high-risk AI systems placed on the Union market": not for a system used only in the US', 'eu-ai-act-art-73', aiProvider(['seriousHealthHarm'], ['US']), null],
  ['EU AI Act Art. 73(3) "serious incident as defined in Article 3, point (49)(b) … not later than two days"', 'eu-ai-act-art-73-widespread', aiProvider(['criticalInfrastructureDisruption']), { dueAt: at(2 * D) }],
  ['EU AI Act Art. 73(3) is not triggered by a fundamental-rights infringement alone (Art. 3(49)(c) is 73(2))', 'eu-ai-act-art-73-widespread', aiProvider(['fundamentalRightsInfringement']), null],
  ['EU AI Act Art. 73(4) "In the event of the death of a person … not later than 10 days"', 'eu-ai-act-art-73-death', aiProvider(['death']), { dueAt: at(10 * D) }],
  ['EU AI Act Art. 73(4) needs a death', 'eu-ai-act-art-73-death', aiProvider(['seriousHealthHarm']), null],
  ['EU AI Act Art. 55(1)(c) "report, without undue delay, to the AI Office … serious incidents"', 'eu-ai-act-art-55', facts({ roles: ['GPAI_SYSTEMIC_RISK'], flags: ['seriousHealthHarm'] }), { dueAt: null, state: 'open' }],
  ['EU AI Act Art. 55(1)(c) is about serious incidents: none, nothing to report', 'eu-ai-act-art-55', facts({ roles: ['GPAI_SYSTEMIC_RISK'] }), null],
  // NIS2
  ['NIS2 Art. 23(4)(a) "an early warning … within 24 hours of becoming aware of the significant incident"', 'nis2-art-23-early-warning', facts({ roles: ['ESSENTIAL_ENTITY'], flags: ['significantIncident'], events: { classification: at(H) } }), { dueAt: at(25 * H) }],
  ['NIS2 Art. 4: a financial entity reports under DORA, not NIS2', 'nis2-art-23-early-warning', facts({ roles: ['ESSENTIAL_ENTITY', 'FINANCIAL_ENTITY'], flags: ['significantIncident'], events: { classification: at(H) } }), null],
  ['NIS2 Art. 23(4)(b) "an incident notification … within 72 hours of becoming aware"', 'nis2-art-23-notification', facts({ roles: ['IMPORTANT_ENTITY'], flags: ['significantIncident'], events: { classification: at(H) } }), { dueAt: at(73 * H) }],
  ['NIS2 Art. 23(1) only significant incidents are notified', 'nis2-art-23-notification', facts({ roles: ['IMPORTANT_ENTITY'] }), null],
  ['NIS2 Art. 23(4)(d) "a final report not later than one month after the submission of the incident notification"', 'nis2-art-23-final', facts({ roles: ['ESSENTIAL_ENTITY'], flags: ['significantIncident'], notified: { 'nis2-art-23-notification': '2026-03-04T10:00:00.000Z' } }), { dueAt: '2026-04-04T10:00:00.000Z' }],
  ['NIS2 Art. 23(4)(d): before the incident notification is sent the final report waits for it', 'nis2-art-23-final', facts({ roles: ['ESSENTIAL_ENTITY'], flags: ['significantIncident'] }), { dueAt: null, state: 'waiting' }],
  ['NIS2 Art. 23(4)(d) binds essential and important entities only', 'nis2-art-23-final', facts({ flags: ['significantIncident'], notified: { 'nis2-art-23-notification': '2026-03-04T10:00:00.000Z' } }), null],
  // DORA
  ['RTS 2025/301 Art. 5(1) initial notification "within 4 hours from the moment of classification … and no later than 24 hours from the moment the financial entity has become aware": classified after 1 h', 'dora-art-19-initial', facts({ roles: ['FINANCIAL_ENTITY'], flags: ['majorIctIncident'], events: { classification: at(H) } }), { dueAt: at(5 * H) }],
  ['RTS 2025/301 Art. 5(1): classified after 22 h, the 24 hours from awareness end first', 'dora-art-19-initial', facts({ roles: ['FINANCIAL_ENTITY'], flags: ['majorIctIncident'], events: { classification: at(22 * H) } }), { dueAt: at(24 * H) }],
  ['DORA Art. 19(1) reports major ICT-related incidents only', 'dora-art-19-initial', facts({ roles: ['FINANCIAL_ENTITY'] }), null],
  ['RTS 2025/301 Art. 5(2) intermediate report "within 72 hours from the submission of the initial notification"', 'dora-art-19-intermediate', facts({ roles: ['FINANCIAL_ENTITY'], flags: ['majorIctIncident'], notified: { 'dora-art-19-initial': at(4 * H) } }), { dueAt: at(76 * H) }],
  ['DORA Art. 2: not a financial entity, no DORA report', 'dora-art-19-intermediate', facts({ roles: ['ESSENTIAL_ENTITY'], flags: ['majorIctIncident'] }), null],
  ['RTS 2025/301 Art. 5(3) final report "no later than one month after … the latest updated intermediate report"', 'dora-art-19-final', facts({ roles: ['FINANCIAL_ENTITY'], flags: ['majorIctIncident'], notified: { 'dora-art-19-intermediate': '2026-03-10T12:00:00.000Z' } }), { dueAt: '2026-04-10T12:00:00.000Z' }],
  ['DORA Art. 19(4)(c) final report waits for the intermediate report', 'dora-art-19-final', facts({ roles: ['FINANCIAL_ENTITY'], flags: ['majorIctIncident'] }), { dueAt: null, state: 'waiting' }],
  ['DORA Art. 19(1): an incident not classified as major needs no final report', 'dora-art-19-final', facts({ roles: ['FINANCIAL_ENTITY'], notified: { 'dora-art-19-intermediate': '2026-03-10T12:00:00.000Z' } }), null],
  // SEC
  ['Form 8-K General Instruction B.1 "within four business days after the registrant determines" (3 July 2026 is a federal holiday)', 'sec-8k-item-1-05', facts({ roles: ['SEC_REGISTRANT'], flags: ['cybersecurityIncident'], materiality: 'MATERIAL', events: { materialityDetermination: '2026-07-02T15:00:00.000Z' } }), { dueAt: '2026-07-09T21:30:00.000Z' }],
  ['Form 8-K Item 1.05 clock starts at the materiality determination: "waiting for" it until then', 'sec-8k-item-1-05', facts({ roles: ['SEC_REGISTRANT'], flags: ['cybersecurityIncident'] }), { dueAt: null, state: 'waiting' }],
  ['Form 8-K Item 1.05 "determined by the registrant to be material": not material, no filing', 'sec-8k-item-1-05', facts({ roles: ['SEC_REGISTRANT'], flags: ['cybersecurityIncident'], materiality: 'NOT_MATERIAL', events: { materialityDetermination: at(D) } }), null],
  // NYDFS
  ['23 NYCRR 500.17(a)(1) "in no event later than 72 hours after determining that a cybersecurity incident has occurred"', 'nydfs-500-17', facts({ roles: ['NYDFS_COVERED_ENTITY'], flags: ['nydfsReportableEvent'], events: { awareness: at(2 * H) } }), { dueAt: at(74 * H) }],
  ['23 NYCRR 500.17 binds covered entities only', 'nydfs-500-17', facts({ flags: ['nydfsReportableEvent'] }), null],
  // GLBA
  ['16 CFR 314.4(j)(1) "involving at least 500 consumers … no later than 30 days after discovery"', 'glba-314-4-j', facts({ roles: ['FTC_FINANCIAL_INSTITUTION'], dataCategories: ['CUSTOMER_INFORMATION'], peopleAffected: 600 }), { dueAt: at(30 * D) }],
  ['16 CFR 314.4(j)(1): 400 consumers is below the threshold', 'glba-314-4-j', facts({ roles: ['FTC_FINANCIAL_INSTITUTION'], dataCategories: ['CUSTOMER_INFORMATION'], peopleAffected: 400 }), null],
  // US states
  ['Cal. Civ. Code 1798.82(a) "within 30 calendar days of discovery or notification of the breach"', 'us-ca-breach-residents', state('CA', 10), { dueAt: at(30 * D) }],
  ['Cal. Civ. Code 1798.82(a) covers "unencrypted personal information"', 'us-ca-breach-residents', state('CA', 10, { flags: ['dataEncrypted'] }), null],
  ['Cal. Civ. Code 1798.82(f) "more than 500 California residents … within 15 calendar days of notifying affected consumers"', 'us-ca-breach-regulator', state('CA', 600, { notified: { 'us-ca-breach-residents': '2026-03-20T00:00:00.000Z' } }), { dueAt: '2026-04-04T00:00:00.000Z' }],
  ['Cal. Civ. Code 1798.82(f) "more than 500": 500 residents is not enough', 'us-ca-breach-regulator', state('CA', 500), null],
  ['N.Y. Gen. Bus. Law 899-aa(2) "within thirty days after the breach has been discovered"', 'us-ny-breach-residents', state('NY', 1, { dataCategories: ['CREDENTIALS'] }), { dueAt: at(30 * D) }],
  ['N.Y. Gen. Bus. Law 899-aa(2) protects New York residents: New Jersey residents only', 'us-ny-breach-residents', facts({ residents: { 'US-NJ': 50 }, dataCategories: ['CREDENTIALS'] }), null],
  ['N.Y. Gen. Bus. Law 899-aa(8)(a) "In the event that any New York residents are to be notified … shall notify the state attorney general"', 'us-ny-breach-regulator', state('NY', 3), { dueAt: null, state: 'open' }],
  ['N.Y. Gen. Bus. Law 899-aa(8)(a): no New York resident, no notice to the state', 'us-ny-breach-regulator', state('CT', 3), null],
  ['Tex. Bus. & Com. Code 521.053(b) "not later than the 60th day after the date on which the person determines that the breach occurred"', 'us-tx-breach-residents', state('TX', 5), { dueAt: at(60 * D) }],
  ['Tex. Bus. & Com. Code 521.002 sensitive personal information does not list biometric data', 'us-tx-breach-residents', state('TX', 5, { dataCategories: ['BIOMETRIC'] }), null],
  ['Tex. Bus. & Com. Code 521.053(i) "at least 250 residents of this state … not later than the 30th day"', 'us-tx-breach-regulator', state('TX', 250), { dueAt: at(30 * D) }],
  ['Tex. Bus. & Com. Code 521.053(i): 249 residents is below the threshold', 'us-tx-breach-regulator', state('TX', 249), null],
  ['Fla. Stat. 501.171(4)(a) "no later than 30 days after the determination of a breach"', 'us-fl-breach-residents', state('FL', 5, { dataCategories: ['MEDICAL'] }), { dueAt: at(30 * D) }],
  ['Fla. Stat. 501.171(1)(g): a name with an e-mail address and no password is not personal information', 'us-fl-breach-residents', state('FL', 5, { dataCategories: ['PERSONAL_DATA'] }), null],
  ['Fla. Stat. 501.171(3)(a) "affects 500 or more individuals in this state … no later than 30 days"', 'us-fl-breach-regulator', state('FL', 500), { dueAt: at(30 * D) }],
  ['Fla. Stat. 501.171(3)(a): 499 individuals is below the threshold', 'us-fl-breach-regulator', state('FL', 499), null],
  ['RCW 19.255.010(8) "no more than thirty calendar days after the breach was discovered"', 'us-wa-breach-residents', state('WA', 5, { dataCategories: ['BIOMETRIC'] }), { dueAt: at(30 * D) }],
  ['RCW 19.255.010(1) applies to personal information "not secured": encrypted data', 'us-wa-breach-residents', state('WA', 5, { flags: ['dataEncrypted'] }), null],
  ['RCW 19.255.010(7) "more than five hundred Washington residents … no more than thirty days after the breach was discovered"', 'us-wa-breach-regulator', state('WA', 501), { dueAt: at(30 * D) }],
  ['RCW 19.255.010(7) "more than five hundred": 500 residents is not enough', 'us-wa-breach-regulator', state('WA', 500), null],
  ['C.R.S. 6-1-716(2)(a) "not later than thirty days after the date of determination that a security breach occurred"', 'us-co-breach-residents', state('CO', 5, { dataCategories: ['FINANCIAL_ACCOUNT'] }), { dueAt: at(30 * D) }],
  ['C.R.S. 6-1-716(2)(a) protects Colorado residents: Californians only', 'us-co-breach-residents', state('CA', 5, { dataCategories: ['FINANCIAL_ACCOUNT'] }), null],
  ['C.R.S. 6-1-716(2)(f) "five hundred Colorado residents or more … not later than thirty days"', 'us-co-breach-regulator', state('CO', 500), { dueAt: at(30 * D) }],
  ['C.R.S. 6-1-716(2)(f): 499 residents is below the threshold', 'us-co-breach-regulator', state('CO', 499), null],
];

describe('every shipped rule, positive and negative, from the law’s text', () => {
  it.each(cases)('%s', (_name, key, f, expected) => {
    const o = one(key, f);
    if (expected === null) expect(o).toBeNull();
    else {
      expect(o).not.toBeNull();
      expect(o!.dueAt).toBe(expected.dueAt);
      if (expected.state) expect(o!.state).toBe(expected.state);
      expect(o!.why.length).toBeGreaterThan(0);
    }
  });

  it('has at least one positive and one negative case for each shipped rule, and links the law', () => {
    for (const r of lib.rules) {
      expect(r.sourceUrl, `${r.key} source`).toMatch(/^https:\/\//);
      const mine = cases.filter((c) => c[1] === r.key);
      expect(mine.some((c) => c[3] !== null), `${r.key} positive`).toBe(true);
      expect(mine.some((c) => c[3] === null), `${r.key} negative`).toBe(true);
    }
  });
});

describe('the whole shipped set on one incident', () => {
  it('gives different HIPAA output for 400 and for 600 affected people (164.408(b) vs (c))', () => {
    const keys = (n: number) => all(coveredEntity(n, { residents: { 'US-CA': n } })).filter((o) => o.jurisdiction === 'US').map((o) => [o.ruleKey, o.dueAt]);
    expect(keys(400)).toEqual([
      ['hipaa-164-404', at(60 * D)],
      ['hipaa-164-408-annual', '2027-03-02T05:00:00.000Z'],
    ]);
    expect(keys(600)).toEqual([
      ['hipaa-164-404', at(60 * D)],
      ['hipaa-164-406', at(60 * D)],
      ['hipaa-164-408-500', at(60 * D)],
    ]);
  });

  it('fires no GDPR rule for a system that operates only in the US with only US residents affected', () => {
    const out = all(facts({ ...euController, operatesIn: ['US'], residents: { 'US-TX': 120 } }));
    expect(out.filter((o) => o.citation.startsWith('GDPR'))).toEqual([]);
  });

  it('takes the shortest EU AI Act period of Art. 73: 2 days when a death is also a critical-infrastructure disruption', () => {
    const out = all(aiProvider(['death', 'criticalInfrastructureDisruption'])).filter((o) => o.citation.startsWith('EU AI Act'));
    expect(out.map((o) => [o.ruleKey, o.dueAt])).toEqual([['eu-ai-act-art-73-widespread', at(2 * D)]]);
  });

  it('says a count-based rule "may apply" while the number of people is unknown', () => {
    const out = all(coveredEntity(null));
    const hhs = out.find((o) => o.ruleKey.startsWith('hipaa-164-408'))!;
    expect(hhs.applies).toBeNull();
    expect(hhs.missing[0]).toMatch(/number of people affected/);
  });

  it('shows why a rule applies: the matched facts', () => {
    const o = one('hipaa-164-406', coveredEntity(600, { residents: { 'US-CA': 600 } }))!;
    expect(o.why).toEqual([
      'Data involved: Protected health information (HIPAA, 45 CFR 160.103)',
      'Role: HIPAA covered entity (45 CFR 160.103)',
      'No: The data was encrypted (or otherwise secured) and the key was not compromised (HIPAA “unsecured PHI”, GDPR Art. 34(3)(a), state and GLBA encryption exemptions)',
      'Residents affected: US-CA 600 (more than 500 in one jurisdiction)',
    ]);
  });

  it('triggers nothing for a near miss', () => {
    expect(all(facts({ ...euController, flags: ['nearMiss'] }))).toEqual([]);
  });
});
