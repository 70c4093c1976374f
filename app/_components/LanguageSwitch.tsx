import type { Locale } from '@/lib/i18n';

/** A one-button form that switches the interface language (server action, no JS required). */
export function LanguageSwitch({
  current,
  label,
  ariaLabel,
  action,
}: {
  current: Locale;
  label: string;
  ariaLabel: string;
  action: (formData: FormData) => Promise<void>;
}) {
  const next: Locale = current === 'fr' ? 'en' : 'fr';
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={next} />
      <button type="submit" className="button" aria-label={ariaLabel} lang={next}>
        {label}
      </button>
    </form>
  );
}
