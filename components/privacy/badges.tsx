import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '@/lib/privacy/schema';

const REQUEST_TONE: Record<RequestStatus, 'neutral' | 'warn' | 'good' | 'bad'> = {
  RECEIVED: 'warn',
  VERIFYING: 'warn',
  IN_PROGRESS: 'neutral',
  EXTENDED: 'warn',
  COMPLETED: 'good',
  REFUSED: 'neutral',
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <Badge tone={REQUEST_TONE[status]}>{REQUEST_STATUS_LABELS[status]}</Badge>;
}

export function DaysLeftBadge({ daysLeft, overdue }: { daysLeft: number | null; overdue: boolean }) {
  if (daysLeft === null) return null;
  if (overdue || daysLeft < 0) return <Badge tone="bad">Overdue{daysLeft < 0 ? ` by ${-daysLeft} d` : ''}</Badge>;
  return <Badge tone={daysLeft <= 5 ? 'warn' : 'neutral'}>{daysLeft} d left</Badge>;
}

export function AssessmentStatusBadge({ status }: { status: 'DRAFT' | 'SIGNED_OFF' | 'SUPERSEDED' }) {
  return <Badge tone={status === 'SIGNED_OFF' ? 'good' : status === 'DRAFT' ? 'warn' : 'neutral'}>{status === 'SIGNED_OFF' ? 'Signed off' : status === 'DRAFT' ? 'Draft' : 'Superseded'}</Badge>;
}

export function RiskLevelBadge({ level }: { level: string }) {
  return <Badge tone={level === 'high' ? 'bad' : level === 'medium' ? 'warn' : 'good'}>{level}</Badge>;
}

export function PrivacyNav() {
  return (
    <nav aria-label="Privacy sections" className="mb-4 flex flex-wrap gap-4 text-sm">
      <Link href="/privacy">Overview</Link>
      <Link href="/privacy/activities">Records of processing</Link>
      <Link href="/privacy/requests">Data-subject requests</Link>
      <Link href="/privacy/assessments">DPIAs and FRIAs</Link>
      <Link href="/privacy/retention">Retention</Link>
      <Link href="/privacy/minimisation">Minimisation reviews</Link>
      <Link href="/privacy/anonymisation">Anonymisation check</Link>
    </nav>
  );
}
