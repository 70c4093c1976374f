'use client';

import { useId, useMemo, useState } from 'react';
import type { DictionaryRow } from '@/lib/dashboard/dataPage';
import { filterDictionary } from '@/lib/dashboard/dictionarySearch';
import { fill } from '@/lib/dashboard/text';
import { Sparkline } from '../_components/Sparkline';
import { DataTable } from '../_components/DataTable';

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
      <DataTable
        caption={strings.caption}
        columns={[strings.column, strings.label, strings.description, strings.type, strings.missing, strings.preview]}
        className="dictionary-table"
        numericColumns={[4]}
        rows={shown.map((r) => ({
          key: r.name,
          cells: [
            <code key="name">{r.name}</code>,
            r.label,
            {
              lang: descriptionLang,
              content: (
                <>
                  {r.description}
                  {r.special ? <span className="muted"> ({r.special})</span> : null}
                </>
              ),
            },
            r.type,
            r.missing,
            <Sparkline key="preview" bars={r.bars} label={r.previewText} />,
          ],
        }))}
      />
    </>
  );
}
