import { addDuration, describeDuration, yearEnd } from './calendar';
import {
  DATA_CATEGORIES,
  ENTITY_ROLES,
  FLAGS,
  PROMPTNESS,
  START_EVENTS,
  type Condition,
  type IncidentFacts,
  type Limit,
  type Rule,
  type StartEvent,
  type Threshold,
} from './language';

// Evaluates rules against an incident's facts. Three-valued: a count that is
// not known yet makes a threshold unknown, and the obligation "may apply"
// instead of silently not applying.

export type Truth = boolean | null;
export type Evaluation = { value: Truth; matched: string[]; missing: string[] };

function thresholdText(t: Threshold): string {
  if (t.moreThan !== undefined) return `more than ${t.moreThan.toLocaleString('en-US')}`;
  if (t.fewerThan !== undefined) return `fewer than ${t.fewerThan.toLocaleString('en-US')}`;
  return `at least ${(t.atLeast ?? 1).toLocaleString('en-US')}`;
}
function meets(n: number, t: Threshold): boolean {
  if (t.moreThan !== undefined) return n > t.moreThan;
  if (t.fewerThan !== undefined) return n < t.fewerThan;
  return n >= (t.atLeast ?? 1);
}

/** "US" matches US and US-CA; "US-*" matches each state; "EU" matches EU. */
export function matchesJurisdiction(pattern: string, code: string): boolean {
  if (pattern.endsWith('-*')) return code.startsWith(pattern.slice(0, -1));
  return code === pattern || code.startsWith(`${pattern}-`);
}

const list = (xs: readonly string[]) => xs.join(', ');

/** A plain-language rendering of a condition (the docs table and the admin screen use it). */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'all':
      return c.of.map((x) => (x.kind === 'any' && x.of.length > 1 ? `(${describeCondition(x)})` : describeCondition(x))).join(' and ');
    case 'any':
      return c.of.map((x) => (x.kind === 'all' && x.of.length > 1 ? `(${describeCondition(x)})` : describeCondition(x))).join(' or ');
    case 'not':
      return `not ${c.of.kind === 'all' || c.of.kind === 'any' ? `(${describeCondition(c.of)})` : describeCondition(c.of)}`;
    case 'flag':
      return c.flag;
    case 'data':
      return `data: ${c.any.join(' or ')}`;
    case 'role':
      return `role: ${c.any.join(' or ')}`;
    case 'operatesIn':
      return `system operates in ${c.any.join(' or ')}`;
    case 'residents':
      return `${thresholdText(c)} residents of ${c.in.join(' + ')}`;
    case 'residentsOfOne':
      return `${thresholdText(c)} residents of one of ${c.in.join(', ')}`;
    case 'people':
      return `${thresholdText(c)} people affected`;
    case 'riskClass':
      return `risk class ${c.any.join(' or ')}`;
    case 'sector':
      return `sector ${c.any.join(' or ')}`;
    case 'materiality':
      return `materiality ${c.any.join(' or ')}`;
  }
}

const yes = (why: string): Evaluation => ({ value: true, matched: [why], missing: [] });
const no: Evaluation = { value: false, matched: [], missing: [] };

export function evaluate(c: Condition, f: IncidentFacts): Evaluation {
  switch (c.kind) {
    case 'all': {
      const parts = c.of.map((x) => evaluate(x, f));
      if (parts.some((p) => p.value === false)) return no;
      const value = parts.every((p) => p.value === true) ? true : null;
      return { value, matched: parts.flatMap((p) => p.matched), missing: parts.flatMap((p) => p.missing) };
    }
    case 'any': {
      const parts = c.of.map((x) => evaluate(x, f));
      const hit = parts.filter((p) => p.value === true);
      if (hit.length) return { value: true, matched: hit.flatMap((p) => p.matched), missing: [] };
      const open = parts.filter((p) => p.value === null);
      return open.length ? { value: null, matched: [], missing: open.flatMap((p) => p.missing) } : no;
    }
    case 'not': {
      const inner = evaluate(c.of, f);
      if (inner.value === null) return { value: null, matched: [], missing: inner.missing };
      return inner.value ? no : yes(c.of.kind === 'flag' ? `No: ${FLAGS[c.of.flag]}` : `Not the case: ${describeCondition(c.of)}`);
    }
    case 'flag':
      return f.flags[c.flag] ? yes(FLAGS[c.flag]) : no;
    case 'data': {
      const hit = c.any.filter((d) => f.dataCategories.includes(d));
      return hit.length ? yes(`Data involved: ${hit.map((d) => DATA_CATEGORIES[d]).join('; ')}`) : no;
    }
    case 'role': {
      const hit = c.any.filter((r) => f.roles.includes(r));
      return hit.length ? yes(`Role: ${hit.map((r) => ENTITY_ROLES[r]).join('; ')}`) : no;
    }
    case 'operatesIn': {
      const hit = c.any.filter((r) => f.operatesIn.includes(r));
      return hit.length ? yes(`An affected AI system operates in ${list(hit)}`) : no;
    }
    case 'residents': {
      const codes = Object.keys(f.residents).filter((code) => c.in.some((p) => matchesJurisdiction(p, code)));
      const total = codes.reduce((n, code) => n + (f.residents[code] ?? 0), 0);
      return meets(total, c) && (total > 0 || c.fewerThan !== undefined) ? yes(`Residents of ${c.in.join(' + ')} affected: ${total.toLocaleString('en-US')} (${thresholdText(c)})`) : no;
    }
    case 'residentsOfOne': {
      const hit = Object.entries(f.residents).filter(([code, n]) => c.in.some((p) => matchesJurisdiction(p, code)) && meets(n, c));
      return hit.length ? yes(`Residents affected: ${hit.map(([code, n]) => `${code} ${n.toLocaleString('en-US')}`).join(', ')} (${thresholdText(c)} in one jurisdiction)`) : no;
    }
    case 'people':
      if (f.peopleAffected === null) return { value: null, matched: [], missing: [`the number of people affected (${thresholdText(c)}?)`] };
      return meets(f.peopleAffected, c) ? yes(`People affected: ${f.peopleAffected.toLocaleString('en-US')} (${thresholdText(c)})`) : no;
    case 'riskClass': {
      const hit = c.any.filter((r) => f.riskClasses.includes(r));
      return hit.length ? yes(`An affected AI system is of risk class ${list(hit)}`) : no;
    }
    case 'sector': {
      const hit = c.any.filter((s) => f.sectors.includes(s));
      return hit.length ? yes(`Sector: ${list(hit)}`) : no;
    }
    case 'materiality':
      return c.any.includes(f.materiality) ? yes(`Materiality: ${f.materiality.toLowerCase().replace('_', ' ')}`) : no;
  }
}

export function describeStart(s: StartEvent, rules?: readonly Pick<Rule, 'key' | 'citation'>[]): string {
  if (s.event === 'notified') {
    const r = rules?.find((x) => x.key === s.rule);
    return `submission of the notification under ${r ? r.citation : s.rule}`;
  }
  return START_EVENTS[s.event];
}

export function describeLimit(l: Limit, rules?: readonly Pick<Rule, 'key' | 'citation'>[]): string {
  return `${describeDuration(l.within)} after ${describeStart(l.start, rules)}`;
}

/** "Without undue delay; at the latest 72 hours after awareness" (or "no outer limit in the law"). */
export function describeDeadline(rule: Pick<Rule, 'promptness' | 'limits'>, rules?: readonly Pick<Rule, 'key' | 'citation'>[]): string {
  const prompt = rule.promptness ? PROMPTNESS[rule.promptness] : null;
  const limits = rule.limits.map((l) => describeLimit(l, rules));
  if (!limits.length) return `${prompt ?? 'no time limit'}; the law sets no outer limit`;
  const outer = limits.length > 1 ? `whichever is earliest of ${limits.join('; ')}` : limits[0];
  return prompt ? `${prompt}; at the latest ${outer}` : outer;
}

function startTime(s: StartEvent, within: Limit['within'], f: IncidentFacts): Date | null {
  const awareness = f.events.awareness ?? f.events.detection;
  switch (s.event) {
    case 'detection':
      return new Date(f.events.detection);
    case 'awareness':
      return new Date(awareness);
    case 'classification':
      return f.events.classification ? new Date(f.events.classification) : null;
    case 'materialityDetermination':
      return f.materiality !== 'NOT_ASSESSED' && f.events.materialityDetermination ? new Date(f.events.materialityDetermination) : null;
    case 'discoveryYearEnd':
      return yearEnd(new Date(awareness), within.timeZone ?? 'UTC');
    case 'notified':
      return f.notified[s.rule] ? new Date(f.notified[s.rule]) : null;
  }
}

export type ObligationState = 'waiting' | 'running' | 'overdue' | 'met' | 'missed' | 'open' | 'sent';
export type SentNotification = { ruleKey: string; notifiedAt: string; recipient: string; reference: string };

export type Obligation = {
  ruleKey: string;
  name: string;
  jurisdiction: string;
  citation: string;
  sourceUrl: string | null;
  recipient: string;
  /** true: applies; null: may apply once a missing fact is known. */
  applies: true | null;
  why: string[];
  missing: string[];
  deadline: string;
  /** What started the clock that governs the due time (null while waiting or without an outer limit). */
  startedBy: { event: string; at: string } | null;
  waitingFor: string | null;
  dueAt: string | null;
  state: ObligationState;
  notification: SentNotification | null;
  note: string | null;
};

function stateOf(dueAt: Date | null, sent: SentNotification | null, waiting: boolean, now: Date): ObligationState {
  if (sent) return dueAt ? (new Date(sent.notifiedAt) <= dueAt ? 'met' : 'missed') : 'sent';
  if (waiting) return 'waiting';
  if (!dueAt) return 'open';
  return now > dueAt ? 'overdue' : 'running';
}

/**
 * The obligations that apply to an incident. A near miss harmed nobody and
 * triggers none. Within a group only the earliest due applicable rule counts,
 * and a notification recorded under any rule of the group satisfies it.
 */
export function obligations(rules: readonly Rule[], f: IncidentFacts, sent: readonly SentNotification[], now: Date): Obligation[] {
  if (f.flags.nearMiss) return [];
  const out: (Obligation & { group: string })[] = [];
  for (const rule of rules) {
    const e = evaluate(rule.appliesWhen, f);
    if (e.value === false) continue;
    const timed = rule.limits.map((l) => ({ l, start: startTime(l.start, l.within, f) }));
    const started = timed.filter((t) => t.start !== null).map((t) => ({ ...t, due: addDuration(t.start!, t.l.within) }));
    started.sort((a, b) => a.due.getTime() - b.due.getTime());
    const governing = started[0] ?? null;
    const waiting = rule.limits.length > 0 && !governing;
    const groupKeys = new Set(rules.filter((r) => (r.group ?? r.key) === (rule.group ?? rule.key)).map((r) => r.key));
    const notification = sent.find((n) => groupKeys.has(n.ruleKey)) ?? null;
    out.push({
      group: rule.group ?? rule.key,
      ruleKey: rule.key,
      name: rule.name,
      jurisdiction: rule.jurisdiction,
      citation: rule.citation,
      sourceUrl: rule.sourceUrl ?? null,
      recipient: rule.recipient,
      applies: e.value,
      why: e.matched,
      missing: e.missing,
      deadline: describeDeadline(rule, rules),
      startedBy: governing ? { event: describeStart(governing.l.start, rules), at: governing.start!.toISOString() } : null,
      waitingFor: waiting ? [...new Set(timed.map((t) => describeStart(t.l.start, rules)))].join(' or ') : null,
      dueAt: governing?.due.toISOString() ?? null,
      state: stateOf(governing?.due ?? null, notification, waiting, now),
      notification,
      note: rule.note ?? null,
    });
  }
  const byGroup = new Map<string, (typeof out)[number]>();
  const rank = (o: (typeof out)[number]) => [o.applies === true ? 0 : 1, o.dueAt ? Date.parse(o.dueAt) : Number.MAX_SAFE_INTEGER] as const;
  for (const o of out) {
    const held = byGroup.get(o.group);
    if (!held) byGroup.set(o.group, o);
    else {
      const [a1, a2] = rank(o);
      const [b1, b2] = rank(held);
      if (a1 < b1 || (a1 === b1 && a2 < b2)) byGroup.set(o.group, o);
    }
  }
  return [...byGroup.values()]
    .sort((a, b) => (a.dueAt ? Date.parse(a.dueAt) : Number.MAX_SAFE_INTEGER) - (b.dueAt ? Date.parse(b.dueAt) : Number.MAX_SAFE_INTEGER) || a.ruleKey.localeCompare(b.ruleKey))
    .map(({ group: _group, ...o }) => o);
}
