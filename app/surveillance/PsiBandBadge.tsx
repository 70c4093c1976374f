import type { BandText } from '@/lib/dashboard/monitoringPage';

/** A PSI band's icon: a check mark (stable), a triangle with « ! » (to watch), an octagon with « × » (to act on). Decorative: the word says it. */
function BandIcon({ band }: { band: BandText['band'] }) {
  return (
    <svg className="psi-band__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {band === 'stable' ? (
        <>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path d="M5.5 10.5l3 3 6-7" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </>
      ) : band === 'watch' ? (
        <>
          <path d="M10 1.5l9 16.5H1z" fill="currentColor" />
          <path d="M10 7v5.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="10" cy="15.3" r="1.3" fill="#fff" />
        </>
      ) : (
        <>
          <path d="M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3z" fill="currentColor" />
          <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

/** A PSI band as icon + word (never colour alone). */
export function PsiBandBadge({ band }: { band: BandText }) {
  return (
    <span className={`psi-band psi-band--${band.band}`}>
      <BandIcon band={band.band} />
      <span>{band.text}</span>
    </span>
  );
}
