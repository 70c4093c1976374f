import type { ReactNode, SelectHTMLAttributes } from 'react';

/** One choice of a select: the submitted value and what the list shows. */
export interface Choice {
  readonly value: string | number;
  readonly label: ReactNode;
}

/** The `<option>` elements of a select, one per choice (in a `<select>` or an `<optgroup>`). */
export function Choices({ items }: { items: readonly Choice[] }) {
  return (
    <>
      {items.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </>
  );
}

/**
 * A labelled select in a `field` block: the options are `children` (fixed ones, optgroups) then
 * `choices`; every other prop goes to the `<select>` (name, defaultValue or value and onChange…).
 * To reset an uncontrolled select when its default changes, key the SelectField by that default.
 */
export function SelectField({
  id,
  label,
  choices,
  children,
  ...select
}: {
  id: string;
  label: ReactNode;
  choices?: readonly Choice[];
  children?: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {children}
        {choices ? <Choices items={choices} /> : null}
      </select>
    </div>
  );
}
