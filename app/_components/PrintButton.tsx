'use client';

/** Opens the browser's print dialog (the page's print stylesheet gives a one-page A4 summary). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button no-print button--icon" onClick={() => window.print()}>
      <svg className="decision__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M5 2h10v5H5zM3 8h14a1 1 0 0 1 1 1v6h-3v3H5v-3H2V9a1 1 0 0 1 1-1zm4 6v3h6v-3z" fill="currentColor" />
      </svg>
      {label}
    </button>
  );
}
