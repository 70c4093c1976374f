import type { Locale } from '../../i18n/intl';
import type { z } from 'zod';
import type { FairnessCard, ModelCard } from '../../credit/modelCard';
import { requireCreditEngine } from '../creditEngine';
import type { modelCardSchema } from '../schemas/model';

/**
 * The model card of the credit engine, without the curves (they are drawn on the /modele page):
 * with the calibration candidates, the fairness report (group rows of the current model, summary
 * ratios of every variant, the price of fairness, proxies) and the limits.
 */

type FairnessBody = NonNullable<z.output<typeof modelCardSchema>['fairness']>;

export function fairnessBody(f: FairnessCard): FairnessBody {
  const current = f.variants.find((v) => v.variant === 'withoutProtected');
  return {
    generatedAt: f.generatedAt,
    evaluatedOn: f.evaluatedOn,
    protectedFields: [...f.protectedFields],
    excludedColumns: [...f.excludedColumns],
    definitions: { ...f.definitions },
    attributes: (current?.attributes ?? []).map((a) => ({ ...a, groups: a.groups.map((g) => ({ ...g })) })),
    variants: f.variants.map((v) => ({
      variant: v.variant,
      version: v.version,
      threshold: v.threshold,
      demographicParityRatios: Object.fromEntries(v.attributes.map((a) => [a.attribute, a.demographicParityRatio])),
      fourFifthsRuleMet: Object.fromEntries(v.attributes.map((a) => [a.attribute, a.fourFifthsRuleMet])),
    })),
    proxies: {
      attributes: f.proxies.attributes.map((p) => ({
        attribute: p.attribute,
        auc: p.auc,
        aucKind: p.aucKind,
        topInputs: p.topInputs.map((i) => ({ ...i })),
      })),
      strongestDropped: f.proxies.strongestDropped.map((d) => d.field),
    },
    fairnessPrice: f.price.map((p) => ({ variant: p.variant, figures: { ...p.figures } })),
  };
}

export function modelCardFromEngineCard(card: ModelCard): z.output<typeof modelCardSchema> {
  return {
    name: card.name,
    version: card.version,
    createdAt: card.createdAt,
    quick: card.quick,
    model: card.model,
    data: card.data,
    validation: card.validation,
    calibration: {
      method: card.calibration.method,
      before: card.calibration.before,
      after: card.calibration.after,
      selection: card.calibration.selection,
      candidates: card.calibration.candidates.map((c) => ({ ...c })),
    },
    decision: card.decision,
    importance: [...card.importance],
    versions: card.versions,
    fairness: card.fairness ? fairnessBody(card.fairness) : null,
    limits: { ...card.limits, data: { ...card.limits.data }, notFor: [...card.limits.notFor] },
  };
}

export async function modelCardBody(lang: Locale): Promise<z.output<typeof modelCardSchema>> {
  return modelCardFromEngineCard((await requireCreditEngine()).modelCard(lang));
}
