import { Badge, type Tone } from '@/components/ui/badge';
import { FINDING_STATUS_LABELS, SEVERITY_LABELS, type FindingStatus, type Severity } from '@/lib/audits/findings/schema';

const SEVERITY_TONES: Record<Severity, Tone> = { CRITICAL: 'bad', HIGH: 'bad', MEDIUM: 'warn', LOW: 'neutral' };
const STATUS_TONES: Record<FindingStatus, Tone> = { OPEN: 'warn', IN_REMEDIATION: 'info', READY_FOR_VERIFICATION: 'info', CLOSED: 'good', RISK_ACCEPTED: 'neutral' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{FINDING_STATUS_LABELS[status]}</Badge>;
}
