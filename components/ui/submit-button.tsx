// Only the sign-in and accept-invite forms (components/auth/) still use this; every other form is components/ui/form.
'use client';

import { useFormStatus } from 'react-dom';
import { Button } from './button';

export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  className,
  pending: pendingProp,
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  className?: string;
  /** For forms submitted through useActionForm, which useFormStatus cannot see. */
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-busy={pending} className={className}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}
