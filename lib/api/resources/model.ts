import type { z } from 'zod';
import { creditEngine } from '../creditEngine';
import type { modelCardSchema } from '../schemas/model';

/** The model card of the credit engine, without the curves (they are drawn on the /modele page). */

export async function modelCardBody(lang: 'fr' | 'en'): Promise<z.output<typeof modelCardSchema>> {
  const card = (await creditEngine()).modelCard(lang);
  return {
    name: card.name,
    version: card.version,
    createdAt: card.createdAt,
    quick: card.quick,
    model: card.model,
    data: card.data,
    validation: card.validation,
    calibration: { method: card.calibration.method, before: card.calibration.before, after: card.calibration.after },
    decision: card.decision,
    importance: [...card.importance],
    versions: card.versions,
  };
}
