import data from '@/prisma/seed-data/notification-rules.json';
import { shippedRulesSchema, type ShippedRules } from './language';

// The shipped notification rules (prisma/seed-data/notification-rules.json),
// bundled into the build and validated once on first use.
let cache: ShippedRules | undefined;

export function shippedRules(): ShippedRules {
  cache ??= shippedRulesSchema.parse(data);
  return cache;
}
