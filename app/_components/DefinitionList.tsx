import type { ReactNode } from 'react';

/** One term of a definition list and what it says (the term is also the row's key). */
export interface Definition {
  readonly label: string;
  readonly value: ReactNode;
}

/** A `<dl>` of label → value pairs, each pair in its own `<div>` (the profile and model-card look by default). */
export function DefinitionList({
  items,
  className = 'profile',
  valueLang,
}: {
  items: readonly Definition[];
  className?: string;
  valueLang?: string;
}) {
  return (
    <dl className={className}>
      {items.map((i) => (
        <div key={i.label}>
          <dt>{i.label}</dt>
          <dd lang={valueLang}>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
