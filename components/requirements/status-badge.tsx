import { Badge, type Tone } from '@/components/ui/badge';
import { STATUS_LABELS, type Status } from '@/lib/requirements/schema';

const TONES: Record<Status, Tone> = { NOT_ASSESSED: 'neutral', NOT_APPLICABLE: 'neutral', NON_COMPLIANT: 'bad', PARTIALLY_COMPLIANT: 'warn', COMPLIANT: 'good' };

export function StatusBadge({ status }: { status: Status }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
