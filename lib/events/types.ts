
// The domain events other systems can subscribe to. Safe for the client (the
// endpoint form lists them). `monitoring.alert` is reserved for the coming
// monitoring domain: endpoints may subscribe to it already.
export const EVENT_TYPES = {
  'finding.created': 'A finding was raised',
  'finding.overdue': 'A finding passed its due date unresolved',
  'incident.reported': 'An incident was reported',
  'incident.deadline_approaching': 'A regulatory notification clock reached 50 %, 80 % or its deadline',
  'model.promoted': 'A model version went to production',
  'model.rolled_back': 'A model was rolled back to an earlier version',
  'gate.failed': 'A promotion was refused by the model gate',
  'review.closed': 'A quarterly review was closed',
  'monitoring.alert': 'A monitoring alert opened or rose from warning to breach',
  'decision_log.checkpoint': 'A signed checkpoint of the decision log was issued (keep a copy outside the portal)',
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const ALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[];

export type EventEntity = { type: string; id: string };

/** What a mutation publishes. `data` is what subscribers receive; keep it to
 *  plain JSON that may leave the portal (no secrets, no personal data beyond names). */
export type EventInput = {
  type: EventType;
  entity: EventEntity;
  data: Record<string, unknown> & { title?: string };
  /** An event that must happen once per key (e.g. a finding overdue for a given due date). */
  dedupeKey?: string;
};

/** An event as subscribers get it, after it was committed. */
export type DomainEventRecord = {
  id: string;
  orgId: string;
  type: EventType;
  entity: EventEntity;
  data: Record<string, unknown>;
  actorLabel: string;
  occurredAt: Date;
};

const ENTITY_PATHS: Record<string, (id: string, data: Record<string, unknown>) => string> = {
  finding: (id) => `/audits/findings/${id}`,
  incident: (id) => `/incidents/${id}`,
  model: (id) => `/models/${id}`,
  model_version: (id, data) => (typeof data.modelId === 'string' ? `/models/${data.modelId}/versions/${id}` : `/models`),
  monitoring_alert: (_id, data) => (typeof data.versionId === 'string' ? `/monitoring/${data.versionId}` : '/monitoring'),
  decision_checkpoint: () => '/decisions',
  quarterly_review: (_id, data) => (typeof data.quarter === 'string' ? `/reviews/${data.quarter}` : '/reviews'),
};

/** The portal page of the event's record, relative to the portal's origin. */
export function entityPath(entity: EventEntity, data: Record<string, unknown>): string {
  return ENTITY_PATHS[entity.type]?.(entity.id, data) ?? '/';
}

/** One line a person reads (chat presets, the delivery log). */
export function eventSummary(type: string, data: Record<string, unknown>): string {
  const title = typeof data.title === 'string' ? data.title : '';
  const label = EVENT_TYPES[type as EventType] ?? type;
  return title ? `${label}: ${title}` : label;
}
