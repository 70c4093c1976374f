import type { ReactNode } from 'react';

/**
 * The frame every data table of the site shares: a scrollable, focusable region named by the
 * caption (keyboard users can scroll a wide table), the caption, and the column headers; the rows
 * are the caller's (`<tr>` elements).
 */
export function TableFrame({
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
