import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { rollbackModel } from '@/lib/models/mutations';
import { addEntry, lockIncident } from './lock-incident';
import { invalid } from './checks';

/**
 * Rolls a linked model back through the registry (which checks models:promote
 * and records the deployment event with the incident), and stores the time
 * from detection to the first rollback on the incident.
 */
export async function rollbackFromIncident(actor: Actor, input: { id: string; modelId: string; reason: string }) {
  authorize(actor, 'models:promote');
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, input.id);
    const model = inc.models.find((m) => m.id === input.modelId);
    if (!model) throw invalid('modelId', 'Unknown model: it is not linked to this incident.');
    const result = await rollbackModel(actor, model.id, { reason: input.reason, incidentId: inc.id }, tx);
    const at = new Date(result.at);
    if (!inc.rolledBackAt) {
      const minutes = Math.max(0, Math.round((at.getTime() - inc.detectedAt.getTime()) / 60_000));
      await tx.incident.update({ where: { id: inc.id }, data: { rolledBackAt: at, minutesToRollback: minutes } });
    }
    await addEntry(tx, actor, inc.id, at, `Rolled back ${model.key} from ${result.from.label} to ${result.to.label}: ${input.reason}`);
    await recordEvent(tx, actor, {
      action: 'incident.rollback',
      entityType: 'incident',
      entityId: inc.id,
      changes: { modelId: model.id, from: result.from.label, to: result.to.label, deploymentId: result.deploymentId },
      reason: input.reason,
    });
    return { ...result, model: model.key };
  });
}
