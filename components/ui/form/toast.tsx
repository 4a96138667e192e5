'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

type Toast = { id: number; text: string };
const ToastContext = createContext<((text: string) => void) | null>(null);

/**
 * Success messages that outlive the form that sent them (a row's button that
 * disappears once done). One polite live region for the whole portal.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const push = useCallback((text: string) => {
    const id = ++next.current;
    setToasts((t) => [...t.slice(-2), { id, text }]);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div aria-live="polite" className="no-print pointer-events-none fixed bottom-4 right-4 z-50 flex max-w-sm flex-col gap-2" data-testid="toasts">
        {toasts.map((t) => (
          <ToastItem key={t.id} text={t.text} onDone={() => setToasts((all) => all.filter((x) => x.id !== t.id))} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ text, onDone }: { text: string; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, 8000);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <p className="pointer-events-auto rounded-md bg-green-800 px-4 py-3 text-sm text-white shadow-lg">
      {text}
      <button type="button" onClick={onDone} className="ml-3 underline">
        Dismiss
      </button>
    </p>
  );
}

/** Announces a success through the portal's toast region (null outside one). */
export function useToast() {
  return useContext(ToastContext);
}
