import type { Obligation } from './evaluate';
import { formatResidents } from './facts';
import { DATA_CATEGORIES, DRAFT_SOURCES, type DraftSource, type IncidentFacts, type Rule } from './language';

// A "regulator notification" draft: the facts the law asks for, pre-filled
// from the incident, as Markdown or plain text. Pure; the route streams it.

export type DraftIncident = {
  id: string;
  title: string;
  description: string;
  severity: string;
  status: string;
  organisation: string;
  reportedBy: string | null;
  facts: IncidentFacts;
  systems: readonly { name: string; riskTier: string; regions: readonly string[] }[];
  milestones: readonly { key: string; at: string | null }[];
  actions: readonly { title: string; status: string; dueDate: string }[];
  timeline: readonly { at: string; text: string }[];
};

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : null);

function valueOf(source: DraftSource, inc: DraftIncident): string | null {
  const f = inc.facts;
  switch (source) {
    case 'organisation':
      return inc.organisation;
    case 'title':
      return inc.title;
    case 'description':
      return inc.description;
    case 'detectedAt':
      return utc(f.events.detection);
    case 'awareAt':
      return utc(f.events.awareness ?? f.events.detection);
    case 'classifiedAt':
      return utc(f.events.classification);
    case 'materialityDeterminedAt':
      return utc(f.events.materialityDetermination);
    case 'peopleAffected':
      return f.peopleAffected === null ? null : `About ${f.peopleAffected.toLocaleString('en-US')}`;
    case 'residents':
      return Object.keys(f.residents).length ? formatResidents(f.residents) : null;
    case 'dataCategories':
      return f.dataCategories.length ? f.dataCategories.map((d) => DATA_CATEGORIES[d]).join('; ') : null;
    case 'systems':
      return inc.systems.length ? inc.systems.map((s) => `${s.name} (${s.riskTier.toLowerCase()} risk, ${s.regions.join('/')})`).join('; ') : null;
    case 'severity':
      return inc.severity;
    case 'status':
      return inc.status.toLowerCase();
    case 'containedAt':
      return utc(inc.milestones.find((m) => m.key === 'contained')?.at ?? null);
    case 'actions':
      return inc.actions.length ? inc.actions.map((a) => `${a.title} (${a.status === 'DONE' ? 'done' : `due ${a.dueDate.slice(0, 10)}`})`).join('; ') : null;
    case 'timeline':
      return inc.timeline.length ? inc.timeline.map((t) => `${utc(t.at)}: ${t.text}`).join('\n') : null;
    case 'reporter':
      return inc.reportedBy;
  }
}

export type Draft = { filename: string; markdown: string; text: string };

export function notificationDraft(inc: DraftIncident, rule: Rule, o: Obligation, now: Date): Draft {
  const due = o.dueAt ? `due ${utc(o.dueAt)}` : o.waitingFor ? `waiting for: ${o.waitingFor}` : 'no outer limit in the law';
  const items = (rule.draft.length ? rule.draft : [{ label: 'Description of the incident', from: 'description' as const }]).map((d) => ({
    label: d.label,
    source: d.from ? DRAFT_SOURCES[d.from] : null,
    value: d.from ? valueOf(d.from, inc) : null,
  }));
  const md = [
    `# Notification draft: ${o.citation}`,
    '',
    `- **To:** ${o.recipient}`,
    `- **Obligation:** ${o.name} (${o.jurisdiction})`,
    `- **Deadline:** ${o.deadline}; ${due}`,
    ...(o.startedBy ? [`- **Clock started by:** ${o.startedBy.event}, ${utc(o.startedBy.at)}`] : []),
    `- **Legal basis:** ${rule.sourceUrl ? `[${o.citation}](${rule.sourceUrl})` : o.citation}`,
    `- **Incident:** ${inc.title} (${inc.id})`,
    '',
    '## Why this applies',
    '',
    ...o.why.map((w) => `- ${w}`),
    '',
    '## What the law asks for',
    '',
    ...items.flatMap((i) => [`### ${i.label}`, '', i.value ?? '_To be completed._', ...(i.value && i.source ? ['', `_(from the incident: ${i.source})_`] : []), '']),
    '---',
    '',
    `Draft prepared ${utc(now.toISOString())} by ${inc.organisation} from the incident record. Check every statement before sending.`,
    '',
  ].join('\n');
  const text = md
    .replace(/^#+ /gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/^_(.+)_$/gm, '$1')
    .replace(/^---$/gm, '----------------------------------------');
  const slug = `${o.ruleKey}-${inc.id}`.replace(/[^a-z0-9-]/gi, '-').slice(0, 120);
  return { filename: `notification-draft-${slug}`, markdown: md, text };
}
