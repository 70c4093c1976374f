import Link from 'next/link';
import type { QualityNotice } from '@/lib/dashboard/qualityNotice';
import './quality-notice.css';

/** « Score moins fiable »: why this application's probability should be read with caution (icon + heading + words). */
export function QualityNoticeBox({ notice }: { notice: QualityNotice }) {
  return (
    <aside className="quality-notice" aria-labelledby="quality-notice-heading" id="fiabilite">
      <h2 id="quality-notice-heading" className="quality-notice__heading">
        <svg className="quality-notice__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M10 1.5l9 16.5H1z" fill="currentColor" />
          <path d="M10 7v5.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="10" cy="15.3" r="1.3" fill="#fff" />
        </svg>
        <span>{notice.heading}</span>
      </h2>
      <p>{notice.lead}</p>
      <ul aria-label={notice.listLabel}>
        {notice.items.map((i, k) => (
          <li key={`${k}-${i.field}`} data-field={i.field}>
            <strong>{i.label}</strong> — {i.reason}
          </li>
        ))}
      </ul>
      <p className="small no-print">
        <Link href={notice.link.href}>{notice.link.text}</Link>
      </p>
    </aside>
  );
}
