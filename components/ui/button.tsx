import Link from 'next/link';
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ComponentProps } from 'react';
import { cn } from './cn';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const base =
  'inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 no-underline';
const variants: Record<Variant, string> = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800',
  secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  ghost: 'text-slate-700 hover:bg-slate-100',
};

export function buttonClass(variant: Variant = 'primary', className?: string) {
  return cn(base, variants[variant], className);
}

export function Button({ variant = 'primary', className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}

/** A link to another page of the portal (client-side navigation). Never for a file: use DownloadLink. */
export function ButtonLink({ variant = 'secondary', className, ...props }: ComponentProps<typeof Link> & { variant?: Variant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}

/**
 * A button-styled plain link to a file (an export, a PDF, a package from a GET
 * route). Not next/link: the router would fetch the file as a page, then hand
 * it to the browser and suspend for good waiting for an unload that a download
 * never brings, so every later form on the page stays "Working…".
 */
export function DownloadLink({ variant = 'secondary', className, href, ...props }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'download'> & { href: string; variant?: Variant }) {
  return <a className={buttonClass(variant, className)} href={href} download {...props} />;
}
