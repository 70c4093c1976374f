import { DEFAULT_SIMILARITY_FEATURES, similarClientsFor } from '../analysis/similar';
import type { CreditEngine } from '../credit/engine';
import { getHomeCreditStore, type StoredApplication } from '../data/homeCreditStore';
import { dictionary, type Locale } from '../i18n';
import { applicationQuality } from '../monitoring/quality';
import { bivariateFigure, bivariateSampleText } from './bivariate';
import type { FigureModel } from '../charts/chartSpec';
import {
  type ComparisonModel,
  comparisonModel,
  type FieldOption,
  type NeighboursModel,
  neighboursModel,
  numericFieldOptions,
  type SimilarFinder,
} from './clientSections';
import { counterfactualFor, type CounterfactualView, counterfactualView } from './counterfactualView';
import { type DecisionModel, decisionModel } from './decision';
import { creditEngineOrNull } from '../credit/engine';
import { type ExplanationView, explanationView } from './explanationView';
import { formatDate } from './format';
import { historyModel, type HistoryModel } from './history';
import { type ClientProfile, clientProfile } from './profile';
import { type QualityNotice, qualityNotice } from './qualityNotice';
import { fill } from './text';
import { type ClientView, viewParams } from './view';
import { type WhatIfInput, whatIfInputs } from './whatIfView';

/**
 * View-model of the client page: everything the analyst's one screen shows about one
 * application, computed on the server (display strings and chart specifications). The parts
 * that need the model are null while it is not trained.
 */

/** A strict SK_ID_CURR from the URL: digits only (1 to 9), else undefined (→ 404). */
export function parseClientId(raw: string): number | undefined {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

export interface OutcomeModel {
  readonly defaulted: boolean;
  readonly label: string;
}

export interface BivariateModel {
  readonly options: readonly FieldOption[];
  readonly x: string;
  readonly y: string;
  readonly lead: string;
  readonly figure: FigureModel;
}

/** The parts computed with the credit engine. */
export interface ModelParts {
  readonly decision: DecisionModel;
  readonly explanation: ExplanationView;
  readonly bivariate: BivariateModel;
  readonly counterfactual: CounterfactualView;
  readonly whatIf: readonly WhatIfInput[];
  /** « Score moins fiable »: the application's input-quality flags in words (lib/monitoring/quality); null when the score is reliable. */
  readonly quality: QualityNotice | null;
}

export interface ClientPageModel {
  readonly id: number;
  readonly title: string;
  readonly setLabel: string;
  readonly historical: boolean;
  /** Actual outcome of a historical loan (null for a new application). */
  readonly outcome: OutcomeModel | null;
  readonly profile: ClientProfile;
  readonly history: HistoryModel | null;
  readonly comparison: ComparisonModel;
  readonly neighbours: NeighboursModel;
  /** Null while the model is not trained. */
  readonly model: ModelParts | null;
  /** Current view settings as query-string pairs (for the view forms). */
  readonly view: Readonly<Record<string, string>>;
  readonly printedOn: string;
  readonly modelVersion: string;
}

export function findApplication(id: number): StoredApplication | undefined {
  return getHomeCreditStore().get(id);
}

/** Similar clients as the API shows them too (model space when a model is loaded). */
function similarFinder(engine: CreditEngine | null, app: StoredApplication): SimilarFinder {
  const exclude = app.set === 'train' ? app.row : undefined;
  return (k) => similarClientsFor(engine, app.fields, { k, excludeRow: exclude });
}

/** Number of variables offered on each axis of the bivariate view. */
const BIVARIATE_CHOICES = 40;

export async function clientPageModel(app: StoredApplication, locale: Locale, view: ClientView, now: Date = new Date()): Promise<ClientPageModel> {
  const t = dictionary(locale).dashboard;
  const historical = app.set === 'train';
  const engine = await creditEngineOrNull();

  let model: ModelParts | null = null;
  const finder = similarFinder(engine, app);
  let topFields: readonly string[] = DEFAULT_SIMILARITY_FEATURES.slice(0, 5);
  let probability: string | undefined;
  let version = t.client.modelPending;
  if (engine) {
    const [explanation, probabilities, cf, quality] = await Promise.all([
      engine.explainStored(app.id, { lang: locale, top: 4 }),
      engine.historicalProbabilities(),
      counterfactualFor(engine, app),
      applicationQuality(app.fields),
    ]);
    if (!explanation) throw new Error(`client ${app.id} is in the store but the engine cannot explain it`);
    const decision = decisionModel(explanation, app.id, locale, engine.model.bundle.metadata.costs);
    const ev = explanationView(explanation, view.n, locale);
    topFields = ev.topFields;
    probability = decision.probability;
    version = engine.modelCard(locale).version;
    const numeric = numericFieldOptions(locale);
    const isNumeric = (f: string) => numeric.some((o) => o.field === f);
    const numericTop = topFields.filter(isNumeric);
    const x = view.x ?? numericTop[0] ?? 'EXT_SOURCE_3';
    const y = view.y ?? numericTop.find((f) => f !== x) ?? (x === 'EXT_SOURCE_2' ? 'EXT_SOURCE_3' : 'EXT_SOURCE_2');
    // Axis choices: the numeric variables the model uses, most important first (plus the ones chosen).
    const byImportance = engine
      .modelCard(locale)
      .importance.filter((i) => i.meanAbsShap > 0 && isNumeric(i.field))
      .slice(0, BIVARIATE_CHOICES)
      .map((i) => ({ field: i.field, label: i.label }));
    const axisOptions = [
      ...byImportance,
      ...numeric.filter((o) => (o.field === x || o.field === y) && !byImportance.some((b) => b.field === o.field)),
    ];
    model = {
      decision,
      explanation: ev,
      bivariate: {
        options: axisOptions,
        x,
        y,
        lead: fill(t.bivariate.lead, { n: bivariateSampleText(locale) }),
        figure: bivariateFigure(app.fields, x, y, probabilities, locale),
      },
      counterfactual: counterfactualView(cf, locale),
      whatIf: whatIfInputs(app.fields, locale),
      quality: qualityNotice(quality, app.fields, locale),
    };
  }

  return {
    id: app.id,
    title: fill(t.client.title, { id: app.id }),
    setLabel: historical ? t.words.historicalLoan : t.words.newApplication,
    historical,
    outcome:
      historical && app.target !== null ? { defaulted: app.target === 1, label: app.target === 1 ? t.outcome.defaulted : t.outcome.repaid } : null,
    profile: clientProfile(app.fields, locale),
    history: historyModel(app.id, locale),
    comparison: comparisonModel(app, locale, view, topFields, finder),
    neighbours: neighboursModel(locale, finder, probability),
    model,
    view: viewParams(view),
    printedOn: fill(t.client.printedOn, { date: formatDate(now, locale) }),
    modelVersion: fill(t.client.modelVersion, { version }),
  };
}
