import { Badge, type Tone } from '@/components/ui/badge';
import type { IncidentStatus } from '@/lib/incidents/schema';
import type { Severity } from '@/lib/incidents/severity';

const SEVERITY_TONE: Record<Severity, Tone> = { SEV1: 'bad', SEV2: 'warn', SEV3: 'info', SEV4: 'neutral' };
const STATUS_TONE: Record<IncidentStatus, Tone> = { OPEN: 'bad', ACKNOWLEDGED: 'warn', CONTAINED: 'info', RESOLVED: 'good', CLOSED: 'neutral' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status.charAt(0) + status.slice(1).toLowerCase()}</Badge>;
}

export function formatMinutes(minutes: number | null): string {
  if (minutes == null) return '—';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} d ${Math.floor((minutes % 1440) / 60)} h`;
}
