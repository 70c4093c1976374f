'use client';

import { usePathname, useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useTransition } from 'react';

/**
 * A GET form for view settings (top N, compared variable, axes…). Without JavaScript it submits
 * normally; with JavaScript any change re-renders the page on the server through the router,
 * keeping the scroll position and the other settings (`keep`, hidden fields: it must not contain
 * the names of the form's own controls). `aria-busy` is set while the new view loads.
 */
export function ViewForm({
  keep,
  anchor,
  submitLabel,
  children,
  className,
}: {
  keep: Readonly<Record<string, string>>;
  anchor: string;
  submitLabel: string;
  children: ReactNode;
  className?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const navigate = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string' && value !== '') params.set(key, value);
    });
    const qs = params.toString();
    startTransition(() => router.replace(`${pathname}${qs ? `?${qs}` : ''}`, { scroll: false }));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    navigate(e.currentTarget);
  };
  return (
    <form
      method="get"
      action={`#${anchor}`}
      className={className ?? 'inline-form no-print'}
      onSubmit={onSubmit}
      onChange={(e) => navigate(e.currentTarget)}
      aria-busy={pending}
    >
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </form>
  );
}
