'use client';

import { useFormStatus } from 'react-dom';
import { Button } from './button';

export function SubmitButton({ children, pendingText, variant = 'primary', className }: { children: React.ReactNode; pendingText?: string; variant?: 'primary' | 'secondary' | 'danger'; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-busy={pending} className={className}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}
