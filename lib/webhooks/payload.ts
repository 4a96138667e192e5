import { entityPath, eventSummary, type DomainEventRecord } from '@/lib/events/types';

export type Preset = 'STANDARD' | 'SLACK' | 'TEAMS';

export const PRESET_LABELS: Record<Preset, string> = {
  STANDARD: 'Standard Webhooks (signed JSON)',
  SLACK: 'Slack incoming webhook',
  TEAMS: 'Microsoft Teams incoming webhook',
};

/** The `webhook-id` of an event's message: the same for every attempt and replay, so receivers can de-duplicate. */
export function messageId(eventId: string): string {
  return `msg_${eventId}`;
}

type Event = Pick<DomainEventRecord, 'id' | 'type' | 'entity' | 'data' | 'occurredAt' | 'actorLabel'>;

/**
 * The request body for an endpoint's preset. Standard: the Standard Webhooks
 * envelope `{type, timestamp, data}`. Slack and Teams: their incoming-webhook
 * message formats (Slack `text` + Block Kit; Teams MessageCard), with one link
 * to the record in the portal.
 */
export function payloadFor(preset: Preset, event: Event, portalUrl: string): string {
  const link = new URL(entityPath(event.entity, event.data), portalUrl).toString();
  const summary = eventSummary(event.type, event.data);
  if (preset === 'SLACK') {
    return JSON.stringify({
      text: `${summary} — ${link}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(summary)}*\n<${link}|Open in the portal>` } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(`${event.type} · ${event.actorLabel} · ${event.occurredAt.toISOString()}`) }] },
      ],
    });
  }
  if (preset === 'TEAMS') {
    return JSON.stringify({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary,
      themeColor: event.type.endsWith('failed') || event.type.endsWith('overdue') || event.type.startsWith('incident.') ? 'C4314B' : '0F6CBD',
      title: summary,
      sections: [{ facts: [{ name: 'Event', value: event.type }, { name: 'By', value: event.actorLabel }, { name: 'At (UTC)', value: event.occurredAt.toISOString() }] }],
      potentialAction: [{ '@type': 'OpenUri', name: 'Open in the portal', targets: [{ os: 'default', uri: link }] }],
    });
  }
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: { ...event.data, entity: event.entity, link, actor: event.actorLabel },
  });
}

/** Slack's mrkdwn treats &, < and > as control characters. */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
