import { Badge, type Tone } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

const HEALTH: Record<string, { label: string; tone: Tone; dot: string }> = {
  OK: { label: 'Healthy', tone: 'good', dot: 'bg-green-700' },
  WARNING: { label: 'Warning', tone: 'warn', dot: 'bg-amber-500' },
  BREACH: { label: 'Breach', tone: 'bad', dot: 'bg-red-700' },
  MISSING: { label: 'Missing data', tone: 'bad', dot: 'bg-slate-700' },
  NO_DATA: { label: 'No data yet', tone: 'neutral', dot: 'bg-slate-400' },
};

/** The status light: a coloured dot with its word (colour is never the only cue). */
export function HealthLight({ health }: { health: string }) {
  const h = HEALTH[health] ?? HEALTH.NO_DATA;
  return (
    <Badge tone={h.tone}>
      <span aria-hidden="true" className={cn('mr-1 inline-block h-2 w-2 rounded-full', h.dot)} />
      {h.label}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: string }) {
  return <Badge tone={level === 'BREACH' ? 'bad' : level === 'WARNING' ? 'warn' : 'good'}>{level === 'BREACH' ? 'Breach' : level === 'WARNING' ? 'Warning' : 'OK'}</Badge>;
}

export function AlertStatusBadge({ status }: { status: string }) {
  return <Badge tone={status === 'OPEN' ? 'bad' : status === 'ACKNOWLEDGED' ? 'info' : 'neutral'}>{status === 'OPEN' ? 'Open' : status === 'ACKNOWLEDGED' ? 'Acknowledged' : 'Resolved'}</Badge>;
}

export const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
export const directionSign = (d: string) => (d === 'AT_MOST' ? '≤' : '≥');
export const metricLabel = (name: string, attribute: string) => (attribute ? `${name} by ${attribute}` : name);
