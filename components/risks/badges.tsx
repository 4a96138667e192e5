import { Badge, type Tone } from '@/components/ui/badge';
import { band, BAND_LABELS } from '@/lib/risks/scale';
import { RISK_STATUS_LABELS, type RiskStatus } from '@/lib/risks/schema';

const BAND_TONE: Record<ReturnType<typeof band>, Tone> = { LOW: 'good', MEDIUM: 'info', HIGH: 'warn', CRITICAL: 'bad' };

/** A score with its band ("12 · High"), or a dash when not scored yet. */
export function ScoreBadge({ likelihood, impact }: { likelihood: number | null; impact: number | null }) {
  if (likelihood == null || impact == null) return <span className="text-slate-600">—</span>;
  const s = likelihood * impact;
  return <Badge tone={BAND_TONE[band(s)]}>{s} · {BAND_LABELS[band(s)]}</Badge>;
}

export function RiskStatusBadge({ status }: { status: RiskStatus }) {
  return <Badge tone={status === 'OPEN' ? 'warn' : status === 'ACCEPTED' ? 'info' : 'neutral'}>{RISK_STATUS_LABELS[status]}</Badge>;
}
