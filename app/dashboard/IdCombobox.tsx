'use client';

import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { Suggestion } from '@/lib/dashboard/search';
import { fill } from '@/lib/dashboard/text';
import { DecisionBadge } from '../_components/DecisionBadge';

export interface ComboboxStrings {
  readonly formLabel: string;
  readonly comboLabel: string;
  readonly comboHint: string;
  readonly comboPlaceholder: string;
  readonly open: string;
  readonly suggestions: string;
  readonly noSuggestion: string;
  readonly suggestionCount: string;
}

/**
 * Type-ahead search by SK_ID_CURR, following the WAI-ARIA 1.2 combobox pattern (list
 * autocomplete): the input keeps focus, arrows move the active option (aria-activedescendant),
 * Enter opens it, Escape closes the list then clears the input; the number of suggestions is
 * announced in a polite live region. Without JavaScript the form submits to the search page,
 * which opens an exact id or lists the ids starting with the digits typed.
 */
export function IdCombobox({ strings, initialValue }: { strings: ComboboxStrings; initialValue: string }) {
  const router = useRouter();
  const [value, setValue] = useState(initialValue);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [fetched, setFetched] = useState(false);
  const base = useId();
  const inputId = `${base}-input`;
  const listId = `${base}-list`;
  const hintId = `${base}-hint`;
  const optionId = (i: number) => `${base}-opt-${i}`;
  const touched = useRef(false);

  const hasDigits = /\d/.test(value);
  useEffect(() => {
    if (!touched.current || !hasDigits) return;
    const q = value.trim();
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetch(`/dashboard/suggestions?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : { suggestions: [] }))
        .then((body: { suggestions: Suggestion[] }) => {
          setItems(body.suggestions);
          setFetched(true);
          setActive(-1);
          setOpen(true);
        })
        .catch(() => undefined);
    }, 80);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [value, hasDigits]);

  const go = (s: Suggestion) => {
    setOpen(false);
    router.push(s.href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        if (hasDigits && items.length > 0) {
          e.preventDefault();
          setOpen(true);
          setActive((a) => (a + 1) % items.length);
        }
        break;
      case 'ArrowUp':
        if (hasDigits && items.length > 0) {
          e.preventDefault();
          setOpen(true);
          setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        }
        break;
      case 'Enter':
        if (open && active >= 0 && items[active]) {
          e.preventDefault();
          go(items[active]);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (value) {
          e.preventDefault();
          setValue('');
        }
        break;
      default:
        break;
    }
  };

  const expanded = open && fetched && hasDigits;
  return (
    <form method="get" action="/dashboard" role="search" aria-label={strings.formLabel} className="combobox-form">
      <div className="field">
        <label htmlFor={inputId}>{strings.comboLabel}</label>
        <div className="combobox">
          <div className="combobox__row">
            <input
              id={inputId}
              name="q"
              type="text"
              role="combobox"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              placeholder={strings.comboPlaceholder}
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={listId}
              aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
              aria-describedby={hintId}
              value={value}
              onChange={(e) => {
                touched.current = true;
                setValue(e.target.value);
              }}
              onKeyDown={onKeyDown}
              onBlur={() => window.setTimeout(() => setOpen(false), 150)}
              onFocus={() => items.length > 0 && setOpen(true)}
            />
            <button type="submit" name="open" value="1" className="button button--primary">
              {strings.open}
            </button>
          </div>
          <ul id={listId} role="listbox" aria-label={strings.suggestions} className="combobox__list" hidden={!expanded || items.length === 0}>
            {items.map((s, i) => (
              <li
                key={s.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className="combobox__option"
                onMouseDown={(e) => {
                  e.preventDefault();
                  go(s);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span>
                  <strong>{s.id}</strong> <span className="muted">{s.kind}</span>
                </span>
                {s.decision ? <DecisionBadge decision={s.decision} label={s.detail} /> : null}
              </li>
            ))}
          </ul>
          {expanded && items.length === 0 ? <p className="combobox__empty">{strings.noSuggestion}</p> : null}
        </div>
        <p id={hintId} className="hint">
          {strings.comboHint}
        </p>
      </div>
      <div role="status" aria-live="polite" className="visually-hidden">
        {expanded ? (items.length === 0 ? strings.noSuggestion : fill(strings.suggestionCount, { n: items.length })) : ''}
      </div>
    </form>
  );
}
