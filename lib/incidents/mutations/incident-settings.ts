import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { DEFAULT_RESPONSE_TARGETS } from '../clocks';
import { responseTargetSchema } from '../schema';

export async function saveResponseTarget(actor: Actor, input: z.input<typeof responseTargetSchema>) {
  authorize(actor, 'settings:manage');
  const data = responseTargetSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.incidentResponseTarget.findUnique({ where: { orgId_severity: { orgId: actor.orgId, severity: data.severity } }, select: { ackMinutes: true, containMinutes: true, resolveMinutes: true } });
    const fallback = DEFAULT_RESPONSE_TARGETS.find((t) => t.severity === data.severity)!;
    const values = { ackMinutes: data.ackMinutes, containMinutes: data.containMinutes, resolveMinutes: data.resolveMinutes };
    await tx.incidentResponseTarget.upsert({
      where: { orgId_severity: { orgId: actor.orgId, severity: data.severity } },
      create: { orgId: actor.orgId, severity: data.severity, ...values },
      update: values,
    });
    await recordEvent(tx, actor, {
      action: 'incident.response_target_changed',
      entityType: 'incident-settings',
      entityId: data.severity,
      before: before ?? { ackMinutes: fallback.ackMinutes, containMinutes: fallback.containMinutes, resolveMinutes: fallback.resolveMinutes },
      after: values,
    });
    return { severity: data.severity, ...values };
  });
}
