'use client';

import { usePathname, useRouter } from 'next/navigation';
import { startTransition, useActionState, useCallback, useEffect, useId, useMemo, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import type { ActionResult } from '@/lib/api/action';
import type { FieldErrors } from '@/lib/errors';
import { FormContext, baseName, type FieldEntry, type FormContextValue } from './context';
import type { FormHints } from './hints';
import { describeSubPath, words } from './labels';
import { SubmitButton, type Variant } from './submit-button';
import { useToast } from './toast';

/** A Server Action as validatedAction builds it: typed, no `any`. */
export type FormAction<T = unknown> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

export type FormRootProps<T> = {
  /** A Server Action (progressively enhanced: without JavaScript the browser POSTs it). */
  action?: FormAction<T>;
  /** Or an /api/v1 route taking multipart/form-data, sent with upload progress. */
  endpoint?: string;
  hints?: FormHints;
  /** The form's accessible name. */
  label: string;
  /** Hidden values sent with the form. */
  fields?: Record<string, string>;
  /** The submit button's text; null when the children place their own SubmitButton. */
  submit: string | null;
  pendingText?: string;
  variant?: Variant;
  /** For small buttons in table rows. */
  submitClassName?: string;
  className?: string;
  /** Clear the fields after a success (default). Edit forms keep them. */
  resetOnSuccess?: boolean;
  /** The success message when the server gives none ("Signed off."). */
  success?: string | ((data: T) => string);
  /** 'toast' when the form may disappear after a success (a row's button). */
  announce?: 'inline' | 'toast';
  onResult?: (result: ActionResult<T>) => void;
  /** Page-unique prefix for field ids; generated when not given. */
  idPrefix?: string;
  children?: ReactNode;
};

const NO_HINTS: FormHints = {};

async function unused(): Promise<ActionResult<never>> {
  return { ok: false, message: 'This form has no action.' };
}

/**
 * The client half of ActionForm. React resets a form after its `action` prop
 * runs, so with JavaScript the submission goes through onSubmit (input is
 * kept on every refusal, cleared only on success); without JavaScript the
 * `action` is still a real POST to the Server Action.
 */
export function FormRoot<T>(props: FormRootProps<T>) {
  const { action, endpoint, hints = NO_HINTS, label, fields, submit, pendingText, variant = 'primary', submitClassName, className, resetOnSuccess = true, success, announce = 'inline', onResult, children } = props;
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const generated = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const id = props.idPrefix ?? `f${generated}`;
  const router = useRouter();
  const toast = useToast();
  const [actionState, dispatch, actionPending] = useActionState<ActionResult<T> | null, FormData>((action ?? unused) as FormAction<T>, null);
  const [uploadState, setUploadState] = useState<ActionResult<T> | null>(null);
  // A toasting form calls its action itself (see onSubmit); its result lands here.
  const [calledState, setCalledState] = useState<ActionResult<T> | null>(null);
  const [calling, startCall] = useTransition();
  const [progress, setProgress] = useState<number | null>(null);
  const state = endpoint ? uploadState : (calledState ?? actionState);
  const pending = endpoint ? progress !== null : actionPending || calling;

  const [registry, setRegistry] = useState<ReadonlyMap<string, FieldEntry>>(() => new Map());
  const resetListeners = useRef(new Set<() => void>());
  const register = useCallback((entry: FieldEntry) => {
    const key = baseName(entry.name);
    setRegistry((prev) => new Map(prev).set(key, entry));
    return () =>
      setRegistry((prev) => {
        if (prev.get(key) !== entry) return prev;
        const next = new Map(prev);
        next.delete(key);
        return next;
      });
  }, []);
  const onReset = useCallback((listener: () => void) => {
    resetListeners.current.add(listener);
    return () => void resetListeners.current.delete(listener);
  }, []);

  const errors: FieldErrors = useMemo(() => (state && !state.ok ? (state.fieldErrors ?? {}) : {}), [state]);
  const ctx = useMemo<FormContextValue>(() => ({ id, pending, progress, errors, hint: (name) => hints[baseName(name)], register, onReset }), [id, pending, progress, errors, hints, register, onReset]);

  const successOf = (r: ActionResult<T>) => (r.ok ? (r.message ?? (typeof success === 'function' ? success(r.data) : success) ?? 'Saved.') : '');
  const successText = state ? successOf(state) : '';
  const toasting = announce === 'toast' && toast !== null;

  useEffect(() => {
    if (!state) return;
    onResult?.(state);
    const form = formRef.current;
    if (state.ok) {
      if (resetOnSuccess && form) {
        form.reset();
        for (const listener of resetListeners.current) listener();
      }
      // A called action has toasted already (onSubmit); this is the no-script path's result.
      if (toasting && state !== calledState) toast?.(successText);
      return;
    }
    const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? summaryRef.current)?.focus();
    // Only a new result should act; the callbacks may change on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  function upload(data: FormData) {
    for (const [key, value] of [...data.entries()]) if (typeof value !== 'string' && !value.name && value.size === 0) data.delete(key);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', endpoint!);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      let body: { error?: { message?: string; fieldErrors?: FieldErrors } } & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        setUploadState({ ok: true, data: body as T });
        router.refresh();
      } else {
        setUploadState({ ok: false, message: body.error?.message ?? `The server refused the upload (${xhr.status}).`, fieldErrors: body.error?.fieldErrors });
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setUploadState({ ok: false, message: 'The upload did not reach the server. Check the connection and try again.' });
    };
    setProgress(0);
    xhr.send(data);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    if (endpoint) upload(data);
    else if (toasting && action) {
      // The toast is raised as soon as the action answers, not from an effect
      // after the next render: a row's form whose success removes the row (a
      // request approved off a "pending" list) is unmounted by the same
      // refresh and would never run that effect.
      startCall(async () => {
        const result = await action(state, data);
        if (result.ok) toast?.(successOf(result));
        startTransition(() => setCalledState(result));
      });
    } else startTransition(() => dispatch(data));
  };

  return (
    <FormContext.Provider value={ctx}>
      <form
        ref={formRef}
        aria-label={label}
        noValidate
        onSubmit={onSubmit}
        className={cn('space-y-3', className)}
        {...(endpoint ? { action: endpoint, method: 'post', encType: 'multipart/form-data' } : { action: dispatch })}
      >
        {fields ? Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />) : null}
        {children}
        {submit !== null ? (
          <div className="col-span-full flex basis-full flex-wrap items-center gap-3">
            <SubmitButton variant={variant} pendingText={pendingText} className={submitClassName}>
              {submit}
            </SubmitButton>
          </div>
        ) : null}
        <FormFeedback state={state} summaryRef={summaryRef} registry={registry} successText={toasting ? '' : successText} progress={progress} id={id} />
      </form>
    </FormContext.Provider>
  );
}

// A sensitive action refused for want of a fresh second factor (or of any
// factor) links to where the user gives one, and back to this page.
function PromptLink({ code }: { code: NonNullable<Extract<ActionResult, { ok: false }>['code']> }) {
  const pathname = usePathname() ?? '/';
  const href = code === 'STEP_UP_REQUIRED' ? `/sign-in/verify?callbackUrl=${encodeURIComponent(pathname)}` : '/account/security';
  return (
    <p className="mt-1">
      <a href={href} className="font-medium text-red-900 underline" data-testid="step-up-prompt">
        {code === 'STEP_UP_REQUIRED' ? 'Confirm it is you, then try again' : 'Set up a second factor'}
      </a>
    </p>
  );
}

function FormFeedback<T>({ state, summaryRef, registry, successText, progress, id }: { state: ActionResult<T> | null; summaryRef: React.RefObject<HTMLDivElement | null>; registry: ReadonlyMap<string, FieldEntry>; successText: string; progress: number | null; id: string }) {
  const refused = state && !state.ok ? state : null;
  const items = refused ? summarise(refused.fieldErrors ?? {}, registry) : [];
  // A field shows its own message (under it); the summary names it by its label and links to it.
  const shown = new Set(items.filter((i) => i.id).flatMap((i) => i.messages));
  const message = refused ? [refused.message, ...(refused.fieldErrors?._ ?? [])].filter((m) => m && !shown.has(m)).join(' ') : '';
  const linked = items.filter((i) => i.id);
  const unlinked = items.filter((i) => !i.id);
  return (
    <div className="col-span-full basis-full space-y-2">
      {progress !== null ? (
        <div>
          <label htmlFor={`${id}-progress`} className="text-sm text-slate-700">
            Uploading… {progress}%
          </label>
          <progress id={`${id}-progress`} className="block w-full" max={100} value={progress} />
        </div>
      ) : null}
      <div role="status" className={cn('text-sm', successText && 'rounded-md bg-green-50 px-3 py-2 text-green-900')}>
        {successText}
      </div>
      {refused ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 focus:outline-none" data-testid="form-errors">
          {message ? <p>{message}</p> : null}
          {refused?.code ? <PromptLink code={refused.code} /> : null}
          {linked.length ? (
            <p>
              {linked.length === 1 ? 'Check this field: ' : 'Check these fields: '}
              {linked.map((item, i) => (
                <span key={item.key}>
                  {i ? ', ' : ''}
                  <a href={`#${item.id}`} className="font-medium text-red-800">
                    {item.label}
                  </a>
                </span>
              ))}
              .
            </p>
          ) : null}
          {unlinked.length ? (
            <ul className="mt-1 list-disc pl-5">
              {unlinked.map((item) => (
                <li key={item.key}>
                  <span className="font-medium">{item.label}</span>: {lowerFirst(item.messages.join(' '))}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Each refused key named by the label of the field that sent it. */
function summarise(errors: FieldErrors, registry: ReadonlyMap<string, FieldEntry>) {
  const out: { key: string; label: string; id?: string; messages: string[] }[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (key === '_') continue;
    let field: FieldEntry | undefined;
    for (const [name, entry] of registry) if ((key === name || key.startsWith(`${name}.`)) && (!field || name.length > baseName(field.name).length)) field = entry;
    const rest = field ? key.slice(baseName(field.name).length + 1) : '';
    const label = field ? (rest ? `${field.label} (${describeSubPath(rest)})` : field.label) : key.includes('.') ? `${words(key.split('.')[0])} (${describeSubPath(key.split('.').slice(1).join('.'))})` : words(key);
    out.push({ key, label, id: field?.id, messages });
  }
  return out;
}

function lowerFirst(text: string) {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
