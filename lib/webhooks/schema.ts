import { z } from 'zod';
import { ALL_EVENT_TYPES, type EventType } from '@/lib/events/types';
import { outboundUrl } from '@/lib/api/params';

export const PRESETS = ['STANDARD', 'SLACK', 'TEAMS'] as const;

export const createEndpointSchema = z.object({
  url: outboundUrl({
    max: 2000,
    required: 'Enter the URL that receives the webhooks',
    invalid: 'Enter an http:// or https:// URL',
    credentials: 'The URL must not contain a user name or password',
  }),
  description: z.string().trim().max(200, 'At most 200 characters').default(''),
  preset: z.enum(PRESETS, { message: 'Choose a format' }).default('STANDARD'),
  eventTypes: z
    .array(z.enum(ALL_EVENT_TYPES as [EventType, ...EventType[]], { message: 'Unknown event type' }))
    .min(1, 'Choose at least one event type')
    .transform((s) => [...new Set(s)]),
});
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const endpointIdSchema = z.object({ id: z.string().min(1).max(64) });
export const setEnabledSchema = endpointIdSchema.extend({ enabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
export const rotateSecretSchema = endpointIdSchema.extend({
  overlapHours: z.coerce.number({ message: 'Enter a number of hours' }).int('Whole hours').min(0, 'At least 0 hours').max(168, 'At most 168 hours (7 days)').default(24),
});
export const deliveryIdSchema = z.object({ deliveryId: z.string().min(1).max(64) });

export const allowHostSchema = z.object({
  host: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter a host name or IP address')
    .max(253, 'At most 253 characters')
    .transform((v) => v.replace(/^\[|\]$/g, ''))
    .refine((v) => /^[a-z0-9.:-]+$/.test(v), 'A host name or IP address only (no scheme, port or path)'),
  reason: z.string().trim().min(3, 'Say why this internal host may receive webhooks').max(300, 'At most 300 characters'),
});
export const allowedHostIdSchema = z.object({ id: z.string().min(1).max(64) });

export const deliveryPageSchema = z.object({ page: z.coerce.number().int().min(1).catch(1) });

/** An endpoint URL as shown in lists, the audit trail and notifications:
 *  chat webhook URLs carry their credential in the path, so only its start is shown. */
export function displayUrl(raw: string): string {
  if (!URL.canParse(raw)) return raw.slice(0, 40);
  const url = new URL(raw);
  const path = url.pathname + url.search;
  return `${url.origin}${path.length > 16 ? `${path.slice(0, 16)}…` : path}`;
}
