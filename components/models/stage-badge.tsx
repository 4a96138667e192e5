import { Badge, type Tone } from '@/components/ui/badge';
import { STAGE_LABELS, type Stage } from '@/lib/models/schema';

const tones: Record<Stage, Tone> = {
  DRAFT: 'neutral',
  VALIDATION: 'info',
  BIAS_REVIEW: 'info',
  PENDING_APPROVAL: 'warn',
  APPROVED: 'good',
  PRODUCTION: 'good',
  RETIRED: 'neutral',
};

export function StageBadge({ stage }: { stage: Stage }) {
  return <Badge tone={tones[stage]}>{STAGE_LABELS[stage]}</Badge>;
}
