import { type Locale } from '../i18n';
import { fill, fmtCount, fmtDuration, fmtMillions, fmtNumber, fmtPercent, localiseFigure } from './format';
import { BATCH_TABLE, DATA_SOURCES, GLUE_TABLE, HYPERPARAMETERS, MASKING_TABLE, NSP_TABLE, type PaperTable } from './paper';
import { type NlpMetrics } from './report';
import { type T, type TableModel, type TableRow, type WatchPageModel, modelLabel } from './watchPageTypes';

/** The « concepts » section of /veille: the papers' tables and our reproduction of both pretraining recipes. */

export function paperTable(
  p: PaperTable,
  caption: string,
  locale: Locale,
  t: T,
  rowNames?: readonly string[],
  columns?: readonly string[],
): TableModel {
  return {
    id: `paper-${p.id}`,
    caption,
    columns: [t.concepts.roberta.setting, ...(columns ?? p.columns)],
    rows: p.rows.map((r, i) => ({ header: rowNames?.[i] ?? r.name, cells: r.values.map((v) => localiseFigure(v, locale)) })),
  };
}

export function paperTables(locale: Locale, t: T): TableModel[] {
  const r = t.concepts.roberta;
  const batch = paperTable(BATCH_TABLE, r.tableCaptions.batch, locale, t);
  return [
    paperTable(MASKING_TABLE, r.tableCaptions.masking, locale, t, r.maskingRows),
    paperTable(NSP_TABLE, r.tableCaptions.nsp, locale, t),
    {
      ...batch,
      columns: r.batchColumns,
      rows: BATCH_TABLE.rows.map((row) => ({
        header: localiseFigure(row.values[0], locale),
        cells: row.values.slice(1).map((v) => localiseFigure(v, locale)),
      })),
    },
    paperTable(GLUE_TABLE, r.tableCaptions.glue, locale, t),
    {
      id: 'paper-hyper',
      kind: 'text',
      caption: r.tableCaptions.hyper,
      columns: r.hyperColumns,
      rows: HYPERPARAMETERS.map((h) => ({
        header: (r.hyperRows as Record<string, string>)[h.key] ?? h.key,
        cells: [localiseFigure(h.bert, locale), localiseFigure(h.roberta, locale)],
      })),
    },
    {
      id: 'paper-data',
      caption: r.tableCaptions.data,
      columns: r.dataColumns,
      rows: [
        ...DATA_SOURCES.map((d) => ({ header: d.name, cells: [fmtCount(d.gb, locale), d.bert ? r.yes : r.no] })),
        { header: r.total, cells: [r.totalValue, ''] },
      ],
    },
  ];
}

export const RECIPE_ORDER = ['bert', 'roberta', 'bert_dynamic'];

export function oursModel(m: NlpMetrics, locale: Locale, t: T): WatchPageModel['concepts']['ours'] {
  const names = RECIPE_ORDER.filter((n) => m.pretraining[n]).concat(Object.keys(m.pretraining).filter((n) => !RECIPE_ORDER.includes(n)));
  if (names.length === 0) return null;
  const o = t.concepts.ours;
  const runs = names.map((n) => m.pretraining[n]);
  const a = m.architecture;
  const row = (header: string, cell: (i: number) => string): TableRow => ({ header, cells: runs.map((_, i) => cell(i)) });
  const v = o.values;
  const table: TableModel = {
    id: 'recipes',
    kind: 'text',
    caption: o.tableCaption,
    columns: [o.columns.property, ...names.map((n) => modelLabel(n, t))],
    rows: [
      row(o.rows.tokenizer, (i) =>
        runs[i].recipe.tokenizer === 'bert'
          ? v.tokenizerBert
          : runs[i].recipe.tokenizer === 'roberta'
            ? v.tokenizerRoberta
            : runs[i].recipe.tokenizer,
      ),
      row(o.rows.objective, (i) =>
        runs[i].recipe.objective === 'mlm+nsp' ? v.objectiveMlmNsp : runs[i].recipe.objective === 'mlm' ? v.objectiveMlm : runs[i].recipe.objective,
      ),
      row(o.rows.masking, (i) =>
        runs[i].recipe.masking === 'static'
          ? fill(v.static, { dupe: runs[i].recipe.dupe_factor ?? 1 })
          : runs[i].recipe.masking === 'dynamic'
            ? v.dynamic
            : runs[i].recipe.masking,
      ),
      row(o.rows.data, (i) => (runs[i].data ? fmtCount(runs[i].data!.documents, locale) : '—')),
      row(o.rows.uniqueTokens, (i) => (runs[i].data?.unique_tokens !== undefined ? fmtCount(runs[i].data!.unique_tokens!, locale) : '—')),
      row(o.rows.batch, (i) => fmtCount(runs[i].recipe.batch_size, locale)),
      row(o.rows.lr, (i) => fmtNumber(runs[i].recipe.lr, locale, 6)),
      row(o.rows.beta2, (i) => fmtNumber(runs[i].recipe.adam_beta2, locale, 3)),
      row(o.rows.tokensSeen, (i) => fmtCount(runs[i].tokens_seen, locale)),
      row(o.rows.steps, (i) => fmtCount(runs[i].steps, locale)),
      row(o.rows.epochs, (i) => (runs[i].epochs_over_data !== undefined ? fmtNumber(runs[i].epochs_over_data!, locale, 2) : '—')),
      row(o.rows.seconds, (i) => fmtDuration(runs[i].seconds, locale)),
      row(o.rows.heldoutAcc, (i) => (runs[i].heldout?.final ? fmtPercent(runs[i].heldout!.final!.accuracy, locale) : '—')),
      row(o.rows.parameters, (i) => {
        const p = runs[i].parameters;
        return p ? `${fmtMillions(p.total, locale)}${p.embeddings !== undefined ? ` (${fmtMillions(p.embeddings, locale)})` : ''}` : '—';
      }),
    ],
  };
  const budget = m.token_budget?.tokens_per_pretraining_run ?? runs[0].token_budget ?? runs[0].tokens_seen;
  const changedNames = t.results.changedNames as Record<string, string>;
  return {
    intro: fill(o.intro, {
      layers: a.num_hidden_layers,
      hidden: a.hidden_size,
      heads: a.num_attention_heads,
      ffn: a.intermediate_size,
      maxLen: a.max_len,
      budget: fmtCount(budget, locale),
    }),
    table,
    ablationNotes: Object.entries(m.ablation).map(([name, ab]) =>
      fill(o.ablationNote, { name: modelLabel(name, t), changed: ab.changed.map((c) => changedNames[c] ?? c).join(', ') }),
    ),
  };
}
