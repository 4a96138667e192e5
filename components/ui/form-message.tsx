// Only the sign-in and accept-invite forms (components/auth/) still use this; every other form is components/ui/form.
import { cn } from './cn';

export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return (
    <p role={state.ok ? 'status' : 'alert'} className={cn('rounded-md px-3 py-2 text-sm', state.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800')}>
      {state.message}
    </p>
  );
}
