import type { FigureModel } from '../charts/chartSpec';
import { dictionary, type Locale } from '../i18n';
import type { DemoExample } from './dataset';
import type { NlpModelStatus } from './service';
import { NLP_MODELS, type NlpModelName } from './models';

/** Shapes and helpers shared by the sections of the /veille view model (watchPage.ts). */

export type ServedModel = NlpModelName;
export const SERVED: readonly ServedModel[] = NLP_MODELS;

export interface TableRow {
  readonly header: string;
  readonly cells: readonly string[];
  /** best[i]: cell i is the best value of the row (marked with ★ and words, not colour). */
  readonly best?: readonly boolean[];
}

export interface TableModel {
  readonly id: string;
  /** `text`: cells are words (wrapped, left-aligned); numeric by default. */
  readonly kind?: 'numeric' | 'text';
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

export interface Target {
  readonly text: string;
  readonly status: 'met' | 'notMet' | 'unknown';
  readonly statusText: string;
  readonly value: string;
}

export interface ResultsModel {
  /** Warnings about how the results were produced (checkpoints used, models not cross-validated yet). */
  readonly notices: readonly string[];
  readonly protocol: string;
  readonly winner: string;
  /** The best model on the product name alone (cv_name), when measured. */
  readonly winnerName: string | null;
  readonly bertVsRoberta: string | null;
  /** The CV repeated with other fine-tuning seeds (seed_study.json), when that study was run. */
  readonly seedStudy: string | null;
  readonly targets: readonly Target[];
  readonly comparison: TableModel;
  readonly latencySource: string;
  readonly perClassNote: string;
  readonly trainTimeNote: string;
  readonly f1Figure: FigureModel;
  /** Macro-F1 on name + description beside the name alone, when cv_name was measured. */
  readonly f1ViewsFigure: FigureModel | null;
  readonly confusion: readonly FigureModel[];
  readonly lossFigure: FigureModel | null;
  readonly accuracyFigure: FigureModel | null;
  readonly ablationTable: TableModel | null;
  readonly ablationSentences: readonly string[];
}

export interface WatchPageModel {
  readonly locale: Locale;
  readonly metrics:
    | { readonly ok: true; readonly mode: string; readonly quick: boolean; readonly generatedAt: string }
    | { readonly ok: false; readonly pending: string };
  readonly concepts: {
    readonly paperTables: readonly TableModel[];
    readonly ours: { readonly intro: string; readonly table: TableModel; readonly ablationNotes: readonly string[] } | null;
    readonly attention: { readonly intro: string; readonly figure: FigureModel } | null;
  };
  readonly dataset: {
    readonly intro: string;
    readonly categories: TableModel;
    readonly examples: readonly { readonly label: string; readonly name: string; readonly description: string; readonly words: string }[];
    readonly lengths: string;
    readonly lengthsTable: TableModel;
    readonly wordsFigure: FigureModel;
    readonly tokensFigure: FigureModel | null;
  };
  readonly results: ResultsModel | null;
  readonly conclusion: { readonly scale: string | null; readonly recommendation: string };
  readonly demo: {
    readonly examples: readonly DemoExample[];
    readonly models: readonly NlpModelStatus[];
    readonly maxCharacters: number;
    readonly maxWords: number;
    /** What the models were trained on (name + description, or both views), as the demo says it. */
    readonly trainedOn: string;
    /** The short-input warning's template ({words}, {p10}, {median}), worded for the training views. */
    readonly shortInput: string;
    /** The note for a text as short as a name, when the models also learned on names ({words}, {median}). */
    readonly nameLike: string;
  };
}

export type T = ReturnType<typeof dictionary>['watch'];

export function modelLabel(name: string, t: T): string {
  return (t.modelNames as Record<string, string>)[name] ?? name;
}

export function modeName(mode: string, t: T): string {
  return (t.modeNames as Record<string, string>)[mode] ?? mode;
}
