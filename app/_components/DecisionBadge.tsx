import type { Decision } from '@/lib/credit/types';

/** The decision icon: a check mark for acceptance, a cross for refusal (decorative; the word says it). */
export function DecisionIcon({ decision }: { decision: Decision }) {
  return (
    <svg className="decision__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="9" fill="currentColor" />
      {decision === 'accept' ? (
        <path d="M5.5 10.5l3 3 6-7" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      )}
    </svg>
  );
}

/** A decision as icon + word (never colour alone). */
export function DecisionBadge({ decision, label, className }: { decision: Decision; label: string; className?: string }) {
  return (
    <span className={`decision decision--${decision}${className ? ` ${className}` : ''}`}>
      <DecisionIcon decision={decision} />
      <span>{label}</span>
    </span>
  );
}
