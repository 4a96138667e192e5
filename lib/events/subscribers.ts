import 'server-only';
import { webhookSubscriber } from '@/lib/webhooks/subscriber';
import type { EventSubscriber } from './dispatch';

// Every domain that reacts to domain events registers here; the dispatcher
// job hands each committed event to each of them in turn.
export const EVENT_SUBSCRIBERS: readonly EventSubscriber[] = [webhookSubscriber];
