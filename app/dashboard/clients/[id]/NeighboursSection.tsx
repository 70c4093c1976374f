import type { NeighboursModel } from '@/lib/dashboard/clientSections';
import type { Dictionary } from '@/lib/i18n';
import { DataTable } from '../../../_components/DataTable';

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
      <DataTable
        caption={m.caption}
        columns={m.columns}
        numericColumns={m.columns.map((_, c) => c).slice(2)}
        rows={m.rows.map((r) => ({
          key: r.id,
          cells: [
            { content: r.id, href: r.href },
            <span key="outcome" className={`outcome outcome--${r.defaulted ? 'defaulted' : 'repaid'}`}>
              <span aria-hidden="true">{r.defaulted ? '✕' : '✓'}</span> {r.outcome}
            </span>,
            ...r.cells,
          ],
        }))}
      />
      <p className="muted small">{m.features}</p>
    </section>
  );
}
