'use client';

import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';
import { useFormContext } from './context';

export type Variant = 'primary' | 'secondary' | 'danger';

/** The form's submit button: disabled and saying so while the form is sending. */
export function SubmitButton({ children, pendingText, variant = 'primary', className }: { children: React.ReactNode; pendingText?: string; variant?: Variant; className?: string }) {
  const ctx = useFormContext();
  const status = useFormStatus();
  const pending = ctx ? ctx.pending : status.pending;
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-busy={pending || undefined} className={className}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}
