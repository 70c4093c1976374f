import Link from 'next/link';
import type { NeighboursModel } from '@/lib/dashboard/clientSections';
import type { Dictionary } from '@/lib/i18n';

/** The client's nearest historical loans with their actual outcomes. */
export function NeighboursSection({ m, t }: { m: NeighboursModel; t: Dictionary }) {
  const n = t.dashboard.neighbours;
  return (
    <section aria-labelledby="neighbours-heading" id="similaires" className="no-print">
      <h2 id="neighbours-heading">{n.heading}</h2>
      <p>{m.lead}</p>
      <p>
        <strong>{m.summary}</strong>
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={m.caption}>
        <table className="data-table">
          <caption>{m.caption}</caption>
          <thead>
            <tr>
              {m.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link href={r.href}>{r.id}</Link>
                </th>
                <td>
                  <span className={`outcome outcome--${r.defaulted ? 'defaulted' : 'repaid'}`}>
                    <span aria-hidden="true">{r.defaulted ? '✕' : '✓'}</span> {r.outcome}
                  </span>
                </td>
                {r.cells.map((c, i) => (
                  <td key={i} className="num">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{m.features}</p>
    </section>
  );
}
