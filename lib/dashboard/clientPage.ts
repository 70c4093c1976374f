import { getHomeCreditStore, type StoredApplication } from '../data/homeCreditStore';
import { dictionary, type Locale } from '../i18n';
import { formatDate } from './format';
import { type ComparisonModel, comparisonModel, type NeighboursModel, neighboursModel } from './clientSections';
import { historyModel, type HistoryModel } from './history';
import { type ClientProfile, clientProfile } from './profile';
import { fill } from './text';
import { DEFAULT_SIMILARITY_FEATURES } from '../analysis/similar';
import { type ClientView, viewParams } from './view';

/**
 * View-model of the client page: everything the analyst's one screen shows about one
 * application, computed on the server (display strings and chart specifications).
 */

/** A strict SK_ID_CURR from the URL: digits only (1 to 9), else undefined (→ 404). */
export function parseClientId(raw: string): number | undefined {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

export interface OutcomeModel {
  readonly defaulted: boolean;
  readonly label: string;
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
  /** Current view settings as query-string pairs (for the view forms). */
  readonly view: Readonly<Record<string, string>>;
  readonly printedOn: string;
  readonly modelVersion: string;
}

export function findApplication(id: number): StoredApplication | undefined {
  return getHomeCreditStore().get(id);
}

export function clientPageModel(app: StoredApplication, locale: Locale, view: ClientView, now: Date = new Date()): ClientPageModel {
  const t = dictionary(locale).dashboard;
  const historical = app.set === 'train';
  return {
    id: app.id,
    title: fill(t.client.title, { id: app.id }),
    setLabel: historical ? t.words.historicalLoan : t.words.newApplication,
    historical,
    outcome:
      historical && app.target !== null
        ? { defaulted: app.target === 1, label: app.target === 1 ? t.outcome.defaulted : t.outcome.repaid }
        : null,
    profile: clientProfile(app.fields, locale),
    history: historyModel(app.id, locale),
    comparison: comparisonModel(app, locale, view, DEFAULT_SIMILARITY_FEATURES.slice(0, 5)),
    neighbours: neighboursModel(app, locale),
    view: viewParams(view),
    printedOn: fill(t.client.printedOn, { date: formatDate(now, locale) }),
    modelVersion: fill(t.client.modelVersion, { version: t.client.modelPending }),
  };
}
