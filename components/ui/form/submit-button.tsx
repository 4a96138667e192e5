'use client';

import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';
import { useFormContext } from './context';

export type Variant = 'primary' | 'secondary' | 'danger';

/**
 * The form's submit button: disabled and saying so while the form is sending.
 * `name` and `value` travel with the form when this button sends it (a form
 * with two buttons: save a draft, or submit).
 */
export function SubmitButton({ children, pendingText, variant = 'primary', className, name, value }: { children: React.ReactNode; pendingText?: string; variant?: Variant; className?: string; name?: string; value?: string }) {
  const ctx = useFormContext();
  const status = useFormStatus();
  const pending = ctx ? ctx.pending : status.pending;
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-busy={pending || undefined} className={className} name={name} value={value}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}
