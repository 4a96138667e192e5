import { z } from 'zod';
import { blankAsUndefined, flag, outboundUrl } from '@/lib/api/params';

export const mlflowUrlSchema = outboundUrl({
  max: 500,
  required: 'Give the tracking server URL',
  invalid: 'Use an http:// or https:// URL, e.g. https://mlflow.example.com',
  credentials: 'Put the token in the token field, not in the URL',
});

export const mlflowConnectionSchema = z.object({
  url: mlflowUrlSchema,
  /** Blank keeps the stored token. */
  token: blankAsUndefined(z.string().trim().max(4000)),
  clearToken: flag.default(false),
  systemId: z.string().trim().min(1, 'Choose the AI system new models are registered under').max(100),
  ownerId: z.string().trim().min(1, 'Choose who owns the models the import creates').max(100),
  syncEnabled: flag.default(false),
});
export type MlflowConnectionInput = z.input<typeof mlflowConnectionSchema>;

export const mlflowSyncSchema = z.object({ apply: flag.default(false) });
