'use client';

import { useId, useMemo, useState } from 'react';
import type { DictionaryRow } from '@/lib/dashboard/dataPage';
import { filterDictionary } from '@/lib/dashboard/dictionarySearch';
import { fill } from '@/lib/dashboard/text';
import { Sparkline } from '../_components/Sparkline';

export interface DictionaryStrings {
  readonly searchLabel: string;
  readonly searchHint: string;
  readonly submit: string;
  readonly count: string;
  readonly none: string;
  readonly caption: string;
  readonly column: string;
  readonly label: string;
  readonly description: string;
  readonly type: string;
  readonly missing: string;
  readonly preview: string;
}

/**
 * The searchable column dictionary: filters as you type (the count is announced politely);
 * without JavaScript the form submits ?q= and the server filters the same way.
 */
export function DictionaryExplorer({
  rows,
  initialQuery,
  strings,
  descriptionLang,
}: {
  rows: readonly DictionaryRow[];
  initialQuery: string;
  strings: DictionaryStrings;
  descriptionLang: string;
}) {
  const [query, setQuery] = useState(initialQuery);
  const shown = useMemo(() => filterDictionary(rows, query), [rows, query]);
  const inputId = useId();
  const hintId = useId();
  return (
    <>
      <form role="search" method="get" action="#dictionnaire" className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={inputId}>{strings.searchLabel}</label>
        <input
          id={inputId}
          type="search"
          name="q"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
        />
        <button type="submit" className="button">
          {strings.submit}
        </button>
        <span id={hintId} className="muted small">
          {strings.searchHint}
        </span>
      </form>
      <p role="status" aria-live="polite" className="muted">
        {shown.length === 0 ? fill(strings.none, { q: query }) : fill(strings.count, { shown: shown.length, total: rows.length })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={strings.caption}>
        <table className="data-table dictionary-table">
          <caption>{strings.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{strings.column}</th>
              <th scope="col">{strings.label}</th>
              <th scope="col">{strings.description}</th>
              <th scope="col">{strings.type}</th>
              <th scope="col">{strings.missing}</th>
              <th scope="col">{strings.preview}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.name}>
                <th scope="row">
                  <code>{r.name}</code>
                </th>
                <td>{r.label}</td>
                <td lang={descriptionLang}>
                  {r.description}
                  {r.special ? <span className="muted"> ({r.special})</span> : null}
                </td>
                <td>{r.type}</td>
                <td className="num">{r.missing}</td>
                <td>
                  <Sparkline bars={r.bars} label={r.previewText} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
