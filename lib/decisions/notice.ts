import { type CounterfactualResult, nearestCounterfactual } from '../analysis/counterfactual';
import type { CreditEngine } from '../credit/engine';
import type { RawApplication } from '../credit/types';
import type { StoreConnection } from '../store/database';
import { getDecision } from '../store/decisionLog';
import { fieldLabel } from '../credit/fieldLabels';
import { reasonCodeEntry } from '../credit/reasonCodes';
import { fill, intlTag, type Locale, normaliseSpaces, numberFormat } from '../i18n/intl';
import type { DecisionRecord } from '../store/decisionLog';

/**
 * The applicant's notice of a decision (printable letter and API JSON): the decision, up to four
 * principal reasons in plain words with their stable codes (never a protected attribute: the
 * reason builder never produces one), what could change a refusal (the nearest counterfactual),
 * the right to human review and to contest (GDPR art. 22, CJEU C-634/21), the date, a reference
 * and the model version.
 */

const TEXTS = {
  fr: {
    title: 'Notification de décision sur votre demande de crédit',
    outcome: {
      approve: 'Votre demande de crédit n° {id} est acceptée.',
      refuse: 'Votre demande de crédit n° {id} est refusée.',
      escalate: 'Votre demande de crédit n° {id} est en cours d’examen par un responsable ; une décision vous sera notifiée.',
    },
    reasonsLead: 'Les principaux éléments qui ont conduit à cette décision :',
    whatCouldChange: 'La décision aurait pu être différente avec : {changes}.',
    change: '{field} de {to} au lieu de {from}',
    humanReview:
      'Cette décision a été prise par un analyste, avec l’aide d’un modèle statistique. Vous pouvez demander qu’elle soit réexaminée par une personne, présenter vos observations et contester la décision : répondez à ce courrier ou contactez votre conseiller dans un délai de deux mois, en citant la référence {reference}. Le sexe, la situation familiale et l’âge ne sont jamais pris en compte.',
    date: 'Date : {date}',
  },
  en: {
    title: 'Notice of decision on your credit application',
    outcome: {
      approve: 'Your credit application no. {id} is approved.',
      refuse: 'Your credit application no. {id} is declined.',
      escalate: 'Your credit application no. {id} is being reviewed by a manager; you will be notified of the decision.',
    },
    reasonsLead: 'The principal reasons for this decision:',
    whatCouldChange: 'The decision could have been different with: {changes}.',
    change: '{field} of {to} instead of {from}',
    humanReview:
      'This decision was taken by an analyst, assisted by a statistical model. You may ask for it to be reviewed by a person, express your point of view and contest the decision: reply to this letter or contact your adviser within two months, quoting the reference {reference}. Sex, marital status and age are never taken into account.',
    date: 'Date: {date}',
  },
} as const satisfies Record<Locale, unknown>;

export interface Notice {
  readonly reference: string;
  readonly lang: Locale;
  readonly date: string;
  readonly applicationId: number;
  readonly decision: DecisionRecord['decision'];
  readonly title: string;
  readonly outcome: string;
  readonly reasonsLead: string;
  readonly reasons: readonly { readonly code: string; readonly text: string }[];
  readonly whatCouldChange: string | null;
  readonly humanReview: string;
  readonly model: { readonly name: string; readonly version: string };
}

const amount = (v: number, locale: Locale) => normaliseSpaces(numberFormat(locale, { maximumFractionDigits: 0 }).format(v));

export function buildNotice(record: DecisionRecord, counterfactual: CounterfactualResult | null, locale: Locale): Notice {
  const t = TEXTS[locale];
  // The principal reasons are the model's reasons for its recommendation: they explain the decision
  // only when the analyst followed it (an override is explained by the analyst's own review).
  // Two fields of one theme share a code: the letter states each reason once.
  const codes = [...new Set((record.override || record.decision === 'escalate' ? [] : record.principalReasons).map((r) => r.code))];
  const reasons = codes.flatMap((code) => {
    const entry = reasonCodeEntry(code);
    return entry ? [{ code, text: entry.long[locale] }] : [];
  });
  const best = record.decision === 'refuse' ? counterfactual?.best : undefined;
  const whatCouldChange = best
    ? fill(t.whatCouldChange, {
        changes: best.changes
          .map((c) => fill(t.change, { field: fieldLabel(c.field, locale).toLowerCase(), to: amount(c.to, locale), from: amount(c.from, locale) }))
          .join(locale === 'fr' ? ' ; ' : '; '),
      })
    : null;
  const date = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(record.createdAt));
  return {
    reference: record.id,
    lang: locale,
    date: fill(t.date, { date }),
    applicationId: record.applicationId,
    decision: record.decision,
    title: t.title,
    outcome: fill(t.outcome[record.decision], { id: record.applicationId }),
    reasonsLead: t.reasonsLead,
    reasons,
    whatCouldChange,
    humanReview: fill(t.humanReview, { reference: record.id }),
    model: { name: record.modelName, version: record.modelVersion },
  };
}

/**
 * The notice of decision `id`, or undefined when there is none. For a refusal the nearest
 * counterfactual is searched with the model that produced the recorded probability (the fold
 * model of a historical loan); `onProgress` is called between scoring rounds (it may throw to stop).
 */
export async function noticeFor(
  engine: CreditEngine,
  store: StoreConnection,
  id: string,
  locale: Locale,
  onProgress: () => void = () => undefined,
): Promise<Notice | undefined> {
  const record = await getDecision(store, id);
  if (!record) return undefined;
  let counterfactual: CounterfactualResult | null = null;
  const app = record.decision === 'refuse' ? engine.store.get(record.applicationId) : undefined;
  if (app) {
    const fold = engine.storedFold(record.applicationId);
    counterfactual = await nearestCounterfactual(
      app.fields as RawApplication,
      (apps) => {
        onProgress();
        return engine.scoreApplications(apps, fold);
      },
      record.threshold,
    );
  }
  return buildNotice(record, counterfactual, locale);
}
