'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cn } from '@/components/ui/cn';
import { FieldLabel, FieldMessages, inputClass, useField, type FieldBase } from './field';

export type PickerOption = { value: string; label: string; description?: string };

/** The record kinds the portal's one lookup route searches (app/api/lookup/[kind]). */
export type LookupKind = 'people' | 'requirements' | 'controls' | 'matrix-cells' | 'findings' | 'evidence' | 'model-versions' | 'incidents' | 'systems' | 'models' | 'datasets' | 'risks' | 'atlas-techniques' | 'atlas-mitigations';

type Props = FieldBase & {
  /** Server-side search: /api/lookup/<source>?q=… (type to filter, 20 at a time). */
  source?: LookupKind;
  /** Extra query parameters for the search (e.g. a system to search cells in). */
  params?: Record<string, string>;
  /** Or a short fixed list, filtered in the browser. */
  options?: readonly PickerOption[];
  multiple?: boolean;
  defaultValue?: PickerOption | readonly PickerOption[] | null;
  placeholder?: string;
  required?: boolean;
  onChange?: (selected: PickerOption[]) => void;
};

const asList = (v: Props['defaultValue']): PickerOption[] => (!v ? [] : Array.isArray(v) ? [...v] : [v as PickerOption]);

/**
 * A searchable picker following the ARIA 1.2 combobox pattern (list
 * autocomplete, manual selection): type to filter, ↓/↑ to move, Enter to
 * choose, Esc to close or clear. The chosen ids travel in hidden inputs.
 */
export function Combobox({ label, name, id: idProp, hint, className, source, params, options, multiple = false, defaultValue, placeholder, required, onChange }: Props) {
  const f = useField(name, label, idProp);
  const initial = useMemo(() => asList(defaultValue), [defaultValue]);
  const [selected, setSelected] = useState<PickerOption[]>(initial);
  const [text, setText] = useState(multiple ? '' : (initial[0]?.label ?? ''));
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<PickerOption[]>([]);
  const [active, setActive] = useState(-1);
  const [searchStatus, setStatus] = useState('');
  const query = multiple || text !== selected[0]?.label ? text : '';
  const filtered = useMemo(() => {
    if (!options) return null;
    const q = query.trim().toLowerCase();
    return options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.description?.toLowerCase().includes(q)).slice(0, 50);
  }, [options, query]);
  const items = filtered ?? found;
  const status = filtered ? (filtered.length ? `${filtered.length} result${filtered.length === 1 ? '' : 's'}.` : 'No matches.') : searchStatus;
  const { onReset } = f;
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = `${f.id}-listbox`;
  const paramKey = JSON.stringify(params ?? {});
  const isRequired = required ?? f.hint.required;

  const commit = (next: PickerOption[]) => {
    setSelected(next);
    onChange?.(next);
  };

  useEffect(
    () =>
      onReset?.(() => {
        setSelected(initial);
        setText(multiple ? '' : (initial[0]?.label ?? ''));
        setOpen(false);
      }),
    [onReset, initial, multiple],
  );

  // Search as the person types (debounced); a later answer replaces an earlier one.
  useEffect(() => {
    if (!open || options || !source) return;
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      setStatus('Searching…');
      try {
        const sp = new URLSearchParams({ ...(JSON.parse(paramKey) as Record<string, string>), q: query });
        const res = await fetch(`/api/lookup/${source}?${sp}`, { headers: { accept: 'application/json' } });
        const body = (await res.json()) as { items?: PickerOption[]; error?: { message?: string } };
        if (mine !== seq.current) return;
        if (!res.ok) throw new Error(body.error?.message ?? `The search failed (${res.status}).`);
        const items = body.items ?? [];
        setFound(items);
        setActive(items.length ? 0 : -1);
        setStatus(items.length ? `${items.length} result${items.length === 1 ? '' : 's'}; ↑ and ↓ to move, Enter to choose.` : 'No matches.');
      } catch (err) {
        if (mine === seq.current) {
          setFound([]);
          setStatus((err as Error).message);
        }
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [open, query, source, options, paramKey]);

  const choose = (option: PickerOption) => {
    if (multiple) {
      if (!selected.some((s) => s.value === option.value)) commit([...selected, option]);
      setText('');
    } else {
      commit([option]);
      setText(option.label);
      setOpen(false);
    }
    setStatus(`${option.label} chosen.`);
  };

  const remove = (option: PickerOption) => {
    commit(selected.filter((s) => s.value !== option.value));
    setStatus(`${option.label} removed.`);
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((a) => Math.min(items.length - 1, a + 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (open) setActive((a) => Math.max(0, a - 1));
        break;
      case 'Enter':
        if (open && active >= 0 && items[active]) {
          e.preventDefault();
          choose(items[active]);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
        } else if (text) {
          e.preventDefault();
          setText('');
          if (!multiple) commit([]);
        }
        break;
      case 'Backspace':
        if (multiple && !text && selected.length) remove(selected[selected.length - 1]);
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  const onBlur = () => {
    setOpen(false);
    if (multiple) return;
    if (!text.trim()) {
      if (selected.length) commit([]);
    } else if (text !== selected[0]?.label) setText(selected[0]?.label ?? '');
  };

  const field = multiple ? (name.endsWith('[]') ? name : `${name}[]`) : name;
  const activeId = open && active >= 0 && items[active] ? `${f.id}-opt-${active}` : undefined;

  return (
    <div className={cn('relative space-y-1', className)}>
      <FieldLabel htmlFor={f.id} label={label} required={isRequired} />
      {multiple && selected.length ? (
        <ul className="flex flex-wrap gap-1" aria-label={`${label}: chosen`}>
          {selected.map((s) => (
            <li key={s.value} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800 ring-1 ring-brand-100">
              {s.label}
              <button type="button" onClick={() => remove(s)} className="rounded-full px-1 text-brand-800 hover:bg-brand-100" aria-label={`Remove ${s.label}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={input}
        id={f.id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={f.invalid}
        aria-describedby={[f.describedBy(Boolean(hint)), `${f.id}-status`].filter(Boolean).join(' ')}
        aria-required={isRequired || undefined}
        autoComplete="off"
        placeholder={placeholder ?? 'Type to search'}
        className={inputClass}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label} suggestions`}
        aria-multiselectable={multiple || undefined}
        hidden={!open}
        className="absolute z-30 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {items.map((o, i) => {
          const isChosen = selected.some((s) => s.value === o.value);
          return (
            <li
              key={o.value}
              id={`${f.id}-opt-${i}`}
              role="option"
              aria-selected={isChosen}
              className={cn('cursor-pointer px-3 py-1.5', i === active ? 'bg-brand-700 text-white' : 'text-slate-900 hover:bg-slate-100')}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(o)}
            >
              <span className="block">{isChosen ? '✓ ' : ''}{o.label}</span>
              {o.description ? <span className={cn('block text-xs', i === active ? 'text-white' : 'text-slate-600')}>{o.description}</span> : null}
            </li>
          );
        })}
      </ul>
      <p id={`${f.id}-status`} className="sr-only" aria-live="polite">
        {open ? status : ''}
      </p>
      {selected.map((s) => (
        <input key={s.value} type="hidden" name={field} value={s.value} />
      ))}
      {!multiple && !selected.length ? <input type="hidden" name={field} value="" /> : null}
      <FieldMessages hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} />
    </div>
  );
}

/** A person of the organisation, searched on the server. */
export function PersonPicker(props: Omit<Props, 'source' | 'options'>) {
  return <Combobox placeholder="Type a name or email" {...props} source="people" />;
}
