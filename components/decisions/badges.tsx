import { Badge, type Tone } from '@/components/ui/badge';
import { EXPLANATION_STATUS_LABELS, type ExplanationStatus } from '@/lib/decisions/schema';

const TONES: Record<ExplanationStatus, Tone> = { VALID: 'good', UNCHECKED: 'info', NOT_ADDITIVE: 'bad', MISSING: 'warn' };

export function ExplanationBadge({ status }: { status: ExplanationStatus }) {
  return <Badge tone={TONES[status]}>{EXPLANATION_STATUS_LABELS[status]}</Badge>;
}

export const pct = (n: number, of: number) => (of === 0 ? '—' : `${Math.round((n / of) * 1000) / 10} %`);
export const num = (n: number | null | undefined, digits = 3) => (n === null || n === undefined ? '—' : Number(n.toFixed(digits)).toString());
