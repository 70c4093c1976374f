'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import type { Dictionary, Locale } from '@/lib/i18n';
import { attentionFigure } from '@/lib/nlp/attentionView';
import type { DemoAttention, DemoClassification, DemoError, DemoExample, DemoExplanation } from '@/lib/nlp/demoTypes';
import { annotatedSegments, direction, topWords } from '@/lib/nlp/demoView';
import { fill, fmtCount, fmtMs, fmtPercent, fmtSigned } from '@/lib/nlp/format';
import { characterCount } from '@/lib/nlp/text';
import { ChartFigure } from '../charts/ChartFigure';
import { DataTable } from '../DataTable';
import { type Choice, SelectField } from '../SelectField';
import type { NlpModelName } from '@/lib/nlp/models';

type Model = NlpModelName;
type Encoder = 'bert' | 'roberta';

export interface DemoModelInfo {
  readonly name: Model;
  readonly available: boolean;
}

/** Choices 0…count-1, shown from 1 through a template ({n}): the layers and heads of an attention map. */
function numbered(count: number, template: string): Choice[] {
  return Array.from({ length: count }, (_, i) => ({ value: i, label: fill(template, { n: i + 1 }) }));
}

type ExplainState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; value: DemoExplanation['attributions'] };

/**
 * The live demo of /veille: a text (typed or picked among real products) classified by the three
 * models through server actions, then the occlusion attributions of each model (fetched one model
 * after the other, so the predictions show first) and the attention map of an encoder with layer
 * and head selectors. Renders only; every value comes from lib/nlp through the actions.
 */
export function WatchDemo({
  t,
  locale,
  examples,
  models,
  maxCharacters,
  maxWords,
  training,
  classify,
  explain,
  attention,
}: {
  /** The demo's strings, the model names and the data-table toggle of the watch dictionary. */
  t: Pick<Dictionary['watch'], 'demo' | 'modelNames' | 'showData'>;
  locale: Locale;
  examples: readonly DemoExample[];
  models: readonly DemoModelInfo[];
  maxCharacters: number;
  maxWords: number;
  /** What the models were trained on and the short-input warning's template, worded by lib/nlp from metrics.json. */
  training: { readonly trainedOn: string; readonly shortInput: string; readonly nameLike: string };
  classify: (text: string) => Promise<DemoClassification | DemoError>;
  explain: (text: string, model: Model) => Promise<DemoExplanation | DemoError>;
  attention: (text: string, model: Encoder) => Promise<DemoAttention | DemoError>;
}) {
  const d = t.demo;
  const ids = useId();
  const textId = `${ids}-text`;
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  const [text, setText] = useState('');
  const [example, setExample] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ text: string; value: DemoClassification } | null>(null);
  const [explanations, setExplanations] = useState<Partial<Record<Model, ExplainState>>>({});
  const [explained, setExplained] = useState<Model>('tfidf');
  const [maps, setMaps] = useState<DemoAttention | null>(null);
  const [layer, setLayer] = useState(0);
  const [head, setHead] = useState<number | 'mean'>('mean');
  const run = useRef(0);

  const available = models.filter((m) => m.available).map((m) => m.name);
  const encoders = available.filter((m): m is Encoder => m === 'bert' || m === 'roberta');
  const name = (m: string) => (t.modelNames as Record<string, string>)[m] ?? m;

  const errorText = (e: DemoError): string =>
    e.error === 'empty'
      ? d.errors.empty
      : e.error === 'too-long'
        ? fill(d.errors.tooLong, { n: fmtCount(e.characters ?? 0, locale), max: fmtCount(maxCharacters, locale) })
        : e.error === 'unavailable'
          ? d.errors.unavailable
          : e.error === 'busy'
            ? fill(d.errors.busy, { s: fmtCount(e.retryAfterSeconds ?? 1, locale) })
            : d.errors.failed;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = text;
    if (value.trim().length === 0) return setError(d.errors.empty);
    const n = characterCount(value);
    if (n > maxCharacters) return setError(fill(d.errors.tooLong, { n: fmtCount(n, locale), max: fmtCount(maxCharacters, locale) }));
    const token = ++run.current;
    setError(null);
    setBusy(d.running);
    setExplanations({});
    try {
      const res = await classify(value);
      if (token !== run.current) return;
      if (!res.ok) {
        setError(errorText(res));
        setResult(null);
        return;
      }
      setResult({ text: value, value: res });
      setMaps(res.attention ? { ok: true, model: res.attention.model, maps: res.attention.maps } : null);
      if (res.attention) {
        setLayer(res.attention.maps.layers - 1);
        setHead('mean');
      }
      const order = [explained, ...res.predictions.map((p) => p.model).filter((m) => m !== explained)].filter((m) =>
        res.predictions.some((p) => p.model === m),
      );
      for (const m of order) {
        if (token !== run.current) return;
        setBusy(fill(d.explaining, { model: name(m) }));
        setExplanations((prev) => ({ ...prev, [m]: { status: 'loading' } }));
        const ex = await explain(value, m);
        if (token !== run.current) return;
        setExplanations((prev) => ({
          ...prev,
          [m]: ex.ok ? { status: 'done', value: ex.attributions } : { status: 'error', message: errorText(ex) },
        }));
      }
    } catch {
      if (token === run.current) setError(d.errors.failed);
    } finally {
      if (token === run.current) setBusy(null);
    }
  }

  async function chooseEncoder(model: Encoder) {
    if (!result || maps?.model === model) return;
    setBusy(d.running);
    try {
      const res = await attention(result.text, model);
      if (res.ok) {
        setMaps(res);
        setLayer(res.maps.layers - 1);
        setHead('mean');
      } else setError(errorText(res));
    } catch {
      setError(d.errors.failed);
    } finally {
      setBusy(null);
    }
  }

  const figure = maps
    ? attentionFigure({
        id: 'demo-attention',
        maps: maps.maps,
        layer: Math.min(layer, maps.maps.layers - 1),
        head,
        modelLabel: name(maps.model),
        texts: d.attentionFigure,
        locale,
      })
    : null;

  if (available.length === 0) return <p role="status">{d.unavailable}</p>;

  const current = explanations[explained];
  const predictionOf = (m: Model) => result?.value.predictions.find((p) => p.model === m);

  return (
    <div className="demo">
      <form className="demo__form" onSubmit={onSubmit} noValidate>
        <SelectField
          id={`${ids}-example`}
          label={d.exampleLabel}
          value={example}
          onChange={(e) => {
            setExample(e.target.value);
            const ex = examples.find((x) => x.id === e.target.value);
            if (ex) {
              setText(ex.text);
              setError(null);
            }
          }}
          choices={examples.map((ex) => ({
            value: ex.id,
            label: fill(d.exampleOption, { label: ex.label, name: ex.name.length > 70 ? `${ex.name.slice(0, 70)}…` : ex.name }),
          }))}
        >
          <option value="">{d.examplePlaceholder}</option>
        </SelectField>
        <div className="field">
          <label htmlFor={textId}>{d.textLabel}</label>
          <textarea
            id={textId}
            name="text"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
            spellCheck={false}
          />
          <p id={hintId} className="hint">
            {training.trainedOn} {fill(d.textHint, { max: fmtCount(maxCharacters, locale) })}{' '}
            {fill(d.counter, { n: fmtCount(characterCount(text), locale) })}
          </p>
          {error ? (
            <p id={errorId} className="demo__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy === d.running}>
            {d.submit}
          </button>
          <span role="status" aria-live="polite" className="hint">
            {busy ?? ''}
          </span>
        </div>
      </form>

      {result ? (
        <div className="demo__results" data-testid="demo-results">
          <h3>{d.predictionsHeading}</h3>
          <p className="hint">{fill(d.characters, { n: fmtCount(result.value.characters, locale), words: fmtCount(result.value.words, locale) })}</p>
          {result.value.disagreement || result.value.shortInput ? (
            <div className="notice notice--warning" role="note" aria-labelledby={`${ids}-warnings`} data-testid="demo-warnings">
              <p id={`${ids}-warnings`}>
                <strong>{d.warningsHeading}</strong>
              </p>
              <ul>
                {result.value.disagreement ? (
                  <li data-warning="disagreement">
                    {fill(d.disagreement, {
                      answers: result.value.predictions.map((p) => fill(d.answer, { model: name(p.model), label: p.predicted })).join(' ; '),
                    })}
                  </li>
                ) : null}
                {result.value.shortInput ? (
                  <li data-warning="short-input">
                    {fill(training.shortInput, {
                      words: fmtCount(result.value.shortInput.words, locale),
                      p10: fmtCount(Math.round(result.value.shortInput.trainingP10), locale),
                      median: fmtCount(Math.round(result.value.shortInput.trainingMedian), locale),
                    })}
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
          {result.value.nameLike ? (
            <p className="hint" data-note="name-like">
              {fill(training.nameLike, {
                words: fmtCount(result.value.nameLike.words, locale),
                median: fmtCount(Math.round(result.value.nameLike.textsMedian), locale),
              })}
            </p>
          ) : null}
          <div className="prediction-grid">
            {result.value.predictions.map((p) => (
              <article key={p.model} className="prediction" data-model={p.model} aria-labelledby={`${ids}-pred-${p.model}`}>
                <h4 id={`${ids}-pred-${p.model}`}>{name(p.model)}</h4>
                <p className="prediction__label">{fill(d.predicted, { label: p.predicted, p: fmtPercent(p.probability, locale) })}</p>
                <p className="prediction__confidence" data-confidence={p.confidence}>
                  {fill(d.confidenceLine, { level: d.confidence[p.confidence] })}
                </p>
                <p className="hint">
                  {fill(d.latency, { ms: fmtMs(p.latencyMs, locale) })} ·{' '}
                  {p.input.maxTokens === null
                    ? d.wholeText
                    : p.input.truncated
                      ? fill(d.tokensTruncated, { tokens: fmtCount(p.input.tokens ?? 0, locale), max: fmtCount(p.input.maxTokens, locale) })
                      : fill(d.tokensRead, { tokens: fmtCount(p.input.tokens ?? 0, locale), max: fmtCount(p.input.maxTokens, locale) })}
                </p>
                <table className="prob-table">
                  <caption className="visually-hidden">{fill(d.probabilitiesCaption, { model: name(p.model) })}</caption>
                  <thead className="visually-hidden">
                    <tr>
                      <th scope="col">{d.category}</th>
                      <th scope="col">{d.probability}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.ranking.map((r, i) => (
                      <tr key={r.label} className={i === 0 ? 'prob-table__top' : undefined}>
                        <th scope="row">{r.label}</th>
                        <td>
                          <span className="prob-bar" aria-hidden="true">
                            <span style={{ width: `${Math.max(0.5, r.probability * 100)}%` }} />
                          </span>
                          <span className="num">{fmtPercent(r.probability, locale)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            ))}
          </div>

          <p className="hint">{d.confidenceNote}</p>

          <h3>{d.attributionsHeading}</h3>
          <p>{fill(d.attributionsIntro, { max: maxWords })}</p>
          <fieldset className="demo__choice">
            <legend>{d.attributionModel}</legend>
            {result.value.predictions.map((p) => (
              <label key={p.model} className="checkbox-row">
                <input
                  type="radio"
                  name={`${ids}-explained`}
                  value={p.model}
                  checked={explained === p.model}
                  onChange={() => setExplained(p.model)}
                />
                {name(p.model)}
              </label>
            ))}
          </fieldset>
          <div className="attributions" data-testid="attributions" aria-busy={current?.status === 'loading' ? true : undefined}>
            {current?.status === 'done' ? (
              <Attribution
                d={d}
                locale={locale}
                model={name(explained)}
                text={result.text}
                value={current.value}
                predicted={predictionOf(explained)?.predicted ?? current.value.target}
              />
            ) : current?.status === 'error' ? (
              <p className="demo__error">{current.message}</p>
            ) : (
              <p className="hint">{fill(d.explaining, { model: name(explained) })}</p>
            )}
          </div>

          {encoders.length > 0 ? (
            <>
              <h3>{d.attentionHeading}</h3>
              <div className="inline-form">
                <SelectField
                  id={`${ids}-encoder`}
                  label={d.attentionModel}
                  value={maps?.model ?? ''}
                  onChange={(e) => void chooseEncoder(e.target.value as Encoder)}
                  choices={encoders.map((m) => ({ value: m, label: name(m) }))}
                />
                {maps ? (
                  <>
                    <SelectField
                      id={`${ids}-layer`}
                      label={d.layer}
                      value={layer}
                      onChange={(e) => setLayer(Number(e.target.value))}
                      choices={numbered(maps.maps.layers, d.layerOption)}
                    />
                    <SelectField
                      id={`${ids}-head`}
                      label={d.head}
                      value={String(head)}
                      onChange={(e) => setHead(e.target.value === 'mean' ? 'mean' : Number(e.target.value))}
                      choices={numbered(maps.maps.heads, d.headOption)}
                    >
                      <option value="mean">{d.headMean}</option>
                    </SelectField>
                  </>
                ) : null}
              </div>
              {figure ? (
                <div data-testid="demo-attention">
                  <ChartFigure figure={figure} locale={locale} tableToggle={t.showData} headingLevel={4} />
                  <p className="hint">{d.tokenNote}</p>
                </div>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Attribution({
  d,
  locale,
  model,
  text,
  value,
  predicted,
}: {
  d: Dictionary['watch']['demo'];
  locale: Locale;
  model: string;
  text: string;
  value: DemoExplanation['attributions'];
  predicted: string;
}) {
  const segments = annotatedSegments(text, value.words);
  const top = topWords(value.words, 10);
  const saturated = value.baseProbability > 0.98;
  return (
    <>
      <p>
        {fill(d.explainedTarget, {
          label: predicted,
          p: fmtPercent(value.baseProbability, locale),
          considered: fmtCount(value.words.length, locale),
          total: fmtCount(value.totalWords, locale),
        })}
      </p>
      {saturated ? <p className="hint">{d.saturation}</p> : null}
      <h4>{d.attributionsText}</h4>
      <p className="annotated" lang="en">
        {segments.map((s, i) =>
          s.kind === 'plain' ? (
            <span key={i}>{s.text}</span>
          ) : (
            <span
              key={i}
              className={`attr attr--${direction(s.value)}`}
              style={{ ['--strength' as string]: s.strength.toFixed(3) }}
              title={`${fmtSigned(s.value * 100, locale, 2)} pts`}
            >
              {s.text}
            </span>
          ),
        )}
      </p>
      <DataTable
        caption={fill(d.topWordsCaption, { model, label: predicted })}
        columns={[d.word, d.effect, d.direction]}
        className="top-words"
        numericColumns={[1]}
        rows={top.map((w) => {
          const dir = direction(w.value);
          return {
            key: w.index,
            cells: [
              { content: w.word, lang: 'en' },
              fmtSigned(w.value * 100, locale, 2),
              dir === 'supports' ? `▲ ${d.supports}` : dir === 'opposes' ? `▼ ${d.opposes}` : '—',
            ],
          };
        })}
      />
    </>
  );
}
