import Link from 'next/link';
import { isValidElement, type Key, type ReactNode } from 'react';
import type { TableModel } from '@/lib/nlp/watchPageTypes';

/**
 * The frame every data table of the site shares: a scrollable, focusable region named by the
 * caption (keyboard users can scroll a wide table), the caption, and the column headers; the rows
 * are the caller's (`<tr>` elements).
 */
function TableFrame({
  caption,
  columns,
  id,
  className,
  regionClassName,
  children,
}: {
  caption: string;
  columns: readonly string[];
  id?: string;
  className?: string;
  regionClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={regionClassName ? `table-scroll ${regionClassName}` : 'table-scroll'} tabIndex={0} role="region" aria-label={caption}>
      <table className={className ? `data-table ${className}` : 'data-table'} id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A cell with more than its content: alignment or style, the best value of its row, a language. */
export interface DataCell {
  readonly content: ReactNode;
  readonly className?: string;
  /** Marked with ★ and a visually hidden word (`bestLabel`), not by colour. */
  readonly best?: boolean;
  readonly lang?: string;
  /** The content links there (an id to its page). */
  readonly href?: string;
}

export interface DataRow {
  readonly key: Key;
  readonly cells: readonly (ReactNode | DataCell)[];
  readonly className?: string;
  /** `data-*` attributes of the row (e.g. `{ field: 'AMT_CREDIT' }` → `data-field="AMT_CREDIT"`). */
  readonly data?: Readonly<Record<string, string>>;
}

export interface DataTableProps {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly DataRow[];
  readonly id?: string;
  readonly className?: string;
  readonly regionClassName?: string;
  /** The column whose cells head their row (`<th scope="row">`); -1: none. */
  readonly headerColumn?: number;
  /** Columns of numbers (right-aligned, tabular figures); `all`: every column but the row header. */
  readonly numericColumns?: readonly number[] | 'all';
  /** The visually hidden word after a best value's ★. */
  readonly bestLabel?: string;
}

function isDataCell(value: ReactNode | DataCell): value is DataCell {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isValidElement(value) && 'content' in value;
}

const dataAttributes = (data: DataRow['data']) => Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));

/**
 * Every data table of the site: the shared frame (a focusable scroll region named by the caption,
 * the caption, the column headers), one row header per row, numeric columns aligned, best values
 * marked without colour. Pages hand it rows built from their view models.
 */
export function DataTable({ caption, columns, rows, id, className, regionClassName, headerColumn = 0, numericColumns, bestLabel }: DataTableProps) {
  return (
    <TableFrame caption={caption} columns={columns} id={id} className={className} regionClassName={regionClassName}>
      {rows.map((row) => (
        <tr key={row.key} className={row.className} {...dataAttributes(row.data)}>
          {row.cells.map((input, c) => {
            const cell = isDataCell(input) ? input : { content: input };
            const numeric = numericColumns === 'all' ? c !== headerColumn : numericColumns?.includes(c);
            const classes = [numeric ? 'num' : '', cell.className ?? '', cell.best ? 'best' : ''].filter(Boolean).join(' ');
            const linked = cell.href ? <Link href={cell.href}>{cell.content}</Link> : cell.content;
            const content = cell.best ? (
              <>
                {linked} <span aria-hidden="true">★</span>
                {bestLabel ? <span className="visually-hidden"> ({bestLabel})</span> : null}
              </>
            ) : (
              linked
            );
            const props = { className: classes || undefined, lang: cell.lang };
            return c === headerColumn ? (
              <th key={c} scope="row" {...props}>
                {content}
              </th>
            ) : (
              <td key={c} {...props}>
                {content}
              </td>
            );
          })}
        </tr>
      ))}
    </TableFrame>
  );
}

/** The DataTable of a view-model table (the technology watch's): row header, then its cells. */
export function ModelTable({ table, bestLabel, className }: { table: TableModel; bestLabel?: string; className?: string }) {
  const kind = table.kind === 'text' ? 'text' : 'num';
  return (
    <DataTable
      caption={table.caption}
      columns={table.columns}
      id={`table-${table.id}`}
      className={className}
      bestLabel={bestLabel}
      rows={table.rows.map((row, r) => ({
        key: r,
        cells: [row.header, ...row.cells.map((content, c) => ({ content, className: kind, best: row.best?.[c] === true }))],
      }))}
    />
  );
}
