import type { TableModel } from '@/lib/nlp/watchPage';
import { TableFrame } from '../TableFrame';

/**
 * A table of the technology watch pages: caption, column headers, one header cell per row. The
 * best value of a row is marked with ★ and a visually hidden word (not by colour).
 */
export function DataTable({ table, bestLabel, className }: { table: TableModel; bestLabel?: string; className?: string }) {
  return (
    <TableFrame caption={table.caption} columns={table.columns} id={`table-${table.id}`} className={className}>
      {table.rows.map((row, r) => (
        <tr key={r}>
          <th scope="row">{row.header}</th>
          {row.cells.map((cell, c) => {
            const best = row.best?.[c] === true;
            return (
              <td key={c} className={[table.kind === 'text' ? 'text' : 'num', best ? 'best' : ''].join(' ').trim()}>
                {cell}
                {best ? (
                  <>
                    {' '}
                    <span aria-hidden="true">★</span>
                    {bestLabel ? <span className="visually-hidden"> ({bestLabel})</span> : null}
                  </>
                ) : null}
              </td>
            );
          })}
        </tr>
      ))}
    </TableFrame>
  );
}
