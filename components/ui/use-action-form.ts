'use client';

import { startTransition, useActionState, useRef, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/api/action';

/**
 * useActionState for forms that keep what the user typed when the server
 * says no: React resets a form after its `action` prop runs, so submission
 * goes through onSubmit instead and the form is cleared only on success.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Server Action built with validatedAction
export function useActionForm<T>(action: (prev: any, form: FormData) => Promise<ActionResult<T>>, opts: { resetOnSuccess?: boolean } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState(async (prev: ActionResult<T> | null, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok && opts.resetOnSuccess !== false) formRef.current?.reset();
    return result;
  }, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, pending, formProps: { ref: formRef, onSubmit } };
}
