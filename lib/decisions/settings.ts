import 'server-only';
import { db } from '@/lib/db';

export const DEFAULT_RETENTION_DAYS = 183;

export type DecisionSettings = { highStakes: boolean; retentionDays: number; restrictedFeatures: string[]; tolerance: number };

/** How a system's decisions are logged; systems of high risk tier are high-stakes unless configured. */
export async function systemSettings(orgId: string, systemId: string): Promise<DecisionSettings> {
  const [row, system] = await Promise.all([
    db.decisionSystemSettings.findFirst({ where: { systemId, orgId }, select: { highStakes: true, retentionDays: true, restrictedFeatures: true, tolerance: true } }),
    db.aISystem.findFirst({ where: { id: systemId, orgId }, select: { riskTier: true } }),
  ]);
  if (row) return row;
  return { highStakes: system?.riskTier === 'HIGH', retentionDays: DEFAULT_RETENTION_DAYS, restrictedFeatures: [], tolerance: 0.001 };
}
