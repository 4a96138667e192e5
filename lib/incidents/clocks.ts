import type { Severity, TreeAnswers } from './severity';

// Response clocks and regulatory deadlines, computed from the incident's facts.
// Pure: the page, the API and the tests all use these.

export type ResponseTarget = { severity: Severity; ackMinutes: number; containMinutes: number; resolveMinutes: number };

export const DEFAULT_RESPONSE_TARGETS: readonly ResponseTarget[] = [
  { severity: 'SEV1', ackMinutes: 15, containMinutes: 4 * 60, resolveMinutes: 24 * 60 },
  { severity: 'SEV2', ackMinutes: 60, containMinutes: 24 * 60, resolveMinutes: 5 * 24 * 60 },
  { severity: 'SEV3', ackMinutes: 8 * 60, containMinutes: 3 * 24 * 60, resolveMinutes: 14 * 24 * 60 },
  { severity: 'SEV4', ackMinutes: 3 * 24 * 60, containMinutes: 14 * 24 * 60, resolveMinutes: 30 * 24 * 60 },
];

export type Clock = {
  key: string;
  label: string;
  dueAt: string;
  /** When the step was done (or the notification sent); null while it runs. */
  doneAt: string | null;
  state: 'running' | 'overdue' | 'met' | 'missed';
};

function clockState(dueAt: Date, doneAt: Date | null, now: Date): Clock['state'] {
  if (doneAt) return doneAt <= dueAt ? 'met' : 'missed';
  return now > dueAt ? 'overdue' : 'running';
}

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

export type ClockIncident = {
  severity: Severity;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  containedAt: Date | null;
  resolvedAt: Date | null;
};

export function responseClocks(incident: ClockIncident, target: ResponseTarget, now: Date): Clock[] {
  const steps = [
    { key: 'acknowledge', label: 'Acknowledge', minutes: target.ackMinutes, doneAt: incident.acknowledgedAt },
    { key: 'contain', label: 'Contain', minutes: target.containMinutes, doneAt: incident.containedAt },
    { key: 'resolve', label: 'Resolve', minutes: target.resolveMinutes, doneAt: incident.resolvedAt },
  ];
  return steps.map((s) => {
    const due = addMinutes(incident.detectedAt, s.minutes);
    return { key: s.key, label: s.label, dueAt: due.toISOString(), doneAt: s.doneAt?.toISOString() ?? null, state: clockState(due, s.doneAt, now) };
  });
}

/** The facts a notification rule can name in `whenAll` / `whenAny`. */
export const FACTS = {
  personalData: 'Personal data breach',
  healthData: 'Health data (PHI) involved',
  highRisk: 'An affected AI system is high-risk',
  inEu: 'An affected AI system is used in the EU',
  inUs: 'An affected AI system is used in the US',
  seriousIncident: 'Serious incident (EU AI Act Art. 3(49))',
  death: 'Death',
  widespread: 'Widespread infringement',
  criticalInfrastructure: 'Critical-infrastructure disruption',
  nearMiss: 'Near miss',
} as const;
export type Fact = keyof typeof FACTS;
export const FACT_KEYS = Object.keys(FACTS) as Fact[];

export type FactSource = {
  personalData: boolean;
  healthData: boolean;
  nearMiss: boolean;
  answers: Partial<TreeAnswers>;
  systems: readonly { riskTier: string; regions: readonly string[] }[];
};

export function incidentFacts(src: FactSource): Record<Fact, boolean> {
  const a = src.answers;
  const death = Boolean(a.death);
  const criticalInfrastructure = Boolean(a.criticalInfrastructure);
  // A near miss harmed nobody: no notification obligation is triggered by it.
  const real = !src.nearMiss;
  return {
    personalData: real && (src.personalData || Boolean(a.personalDataExposed)),
    healthData: real && src.healthData,
    highRisk: src.systems.some((s) => s.riskTier === 'HIGH'),
    inEu: src.systems.some((s) => s.regions.includes('EU')),
    inUs: src.systems.some((s) => s.regions.includes('US')),
    seriousIncident: real && (death || Boolean(a.seriousHarm) || criticalInfrastructure || Boolean(a.fundamentalRights)),
    death: real && death,
    widespread: real && Boolean(a.widespread),
    criticalInfrastructure: real && criticalInfrastructure,
    nearMiss: src.nearMiss,
  };
}

export type NotificationRule = {
  key: string;
  name: string;
  regulation: string;
  recipient: string;
  hours: number;
  group: string;
  whenAll: readonly string[];
  whenAny: readonly string[];
};

/** Rules shipped as data; admins edit them and add new ones without code. */
export const DEFAULT_NOTIFICATION_RULES: readonly NotificationRule[] = [
  {
    key: 'gdpr-art-33',
    name: 'Personal data breach notification',
    regulation: 'GDPR Art. 33',
    recipient: 'Supervisory authority',
    hours: 72,
    group: 'gdpr-art-33',
    whenAll: ['personalData'],
    whenAny: [],
  },
  {
    key: 'eu-ai-act-art-73',
    name: 'Serious incident report',
    regulation: 'EU AI Act Art. 73(2)',
    recipient: 'Market surveillance authority',
    hours: 15 * 24,
    group: 'eu-ai-act-art-73',
    whenAll: ['highRisk', 'inEu', 'seriousIncident'],
    whenAny: [],
  },
  {
    key: 'eu-ai-act-art-73-widespread',
    name: 'Serious incident report (widespread or critical infrastructure)',
    regulation: 'EU AI Act Art. 73(3)',
    recipient: 'Market surveillance authority',
    hours: 2 * 24,
    group: 'eu-ai-act-art-73',
    whenAll: ['highRisk', 'inEu'],
    whenAny: ['widespread', 'criticalInfrastructure'],
  },
  {
    key: 'eu-ai-act-art-73-death',
    name: 'Serious incident report (death)',
    regulation: 'EU AI Act Art. 73(4)',
    recipient: 'Market surveillance authority',
    hours: 10 * 24,
    group: 'eu-ai-act-art-73',
    whenAll: ['highRisk', 'inEu', 'death'],
    whenAny: [],
  },
  {
    key: 'hipaa-breach',
    name: 'Breach notification to individuals and HHS',
    regulation: 'HIPAA 45 CFR 164.404',
    recipient: 'Affected individuals and HHS',
    hours: 60 * 24,
    group: 'hipaa-breach',
    whenAll: ['personalData', 'healthData', 'inUs'],
    whenAny: [],
  },
];

export function ruleApplies(rule: Pick<NotificationRule, 'whenAll' | 'whenAny'>, facts: Record<Fact, boolean>): boolean {
  const holds = (f: string) => (facts as Record<string, boolean>)[f] === true;
  return rule.whenAll.every(holds) && (rule.whenAny.length === 0 || rule.whenAny.some(holds));
}

export type Deadline = Clock & { ruleKey: string; regulation: string; recipient: string; hours: number; notification: { notifiedAt: string; recipient: string; reference: string } | null };

/**
 * The notification deadlines that apply, counted from awareness (detection).
 * Within a group (e.g. the three EU AI Act periods) only the shortest
 * applicable one counts: each is a "at the latest".
 */
export function regulatoryDeadlines(
  rules: readonly NotificationRule[],
  facts: Record<Fact, boolean>,
  awareAt: Date,
  notifications: readonly { ruleKey: string; notifiedAt: Date; recipient: string; reference: string }[],
  now: Date,
): Deadline[] {
  const byGroup = new Map<string, NotificationRule>();
  for (const rule of rules) {
    if (!ruleApplies(rule, facts)) continue;
    const held = byGroup.get(rule.group);
    if (!held || rule.hours < held.hours) byGroup.set(rule.group, rule);
  }
  return [...byGroup.values()]
    .sort((a, b) => a.hours - b.hours)
    .map((rule) => {
      const due = new Date(awareAt.getTime() + rule.hours * 3_600_000);
      // A notification recorded under any rule of the group satisfies it.
      const groupKeys = new Set(rules.filter((r) => r.group === rule.group).map((r) => r.key));
      const sent = notifications.find((n) => groupKeys.has(n.ruleKey)) ?? null;
      return {
        key: rule.key,
        ruleKey: rule.key,
        label: `${rule.regulation}: ${rule.name}`,
        regulation: rule.regulation,
        recipient: rule.recipient,
        hours: rule.hours,
        dueAt: due.toISOString(),
        doneAt: sent?.notifiedAt.toISOString() ?? null,
        state: clockState(due, sent?.notifiedAt ?? null, now),
        notification: sent ? { notifiedAt: sent.notifiedAt.toISOString(), recipient: sent.recipient, reference: sent.reference } : null,
      };
    });
}

/** "2 d 3 h", "45 min", "12 s" — the largest two units. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min`;
  return `${s % 60} s`;
}

/** A ticking clock face: "2 d 03:12:45", "00:04:09". */
export function formatClock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return d ? `${d} d ${hms}` : hms;
}
