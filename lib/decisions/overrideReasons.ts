import type { Locale } from '../i18n/intl';

/**
 * The fixed list of reasons an analyst may give for going against the model (an override) or a
 * supervisor for reversing an escalated decision (EBA/GL/2020/06 §4.3.4: documented override
 * procedures). Codes are stable: they are stored in the audit trail.
 */
export const OVERRIDE_REASONS = {
  'new-information': { fr: 'Information nouvelle absente du dossier', en: 'New information not in the application' },
  'document-checked': { fr: 'Justificatif vérifié', en: 'Supporting document checked' },
  'income-verified': { fr: 'Revenus vérifiés', en: 'Income verified' },
  'guarantee-added': { fr: 'Garantie ou co-emprunteur ajouté', en: 'Guarantee or co-borrower added' },
  'data-error': { fr: 'Erreur dans les données du dossier', en: 'Error in the application data' },
  'policy-exception': { fr: 'Exception à la politique de crédit', en: 'Credit policy exception' },
  'risk-not-captured': { fr: 'Risque non pris en compte par le modèle', en: 'Risk the model does not capture' },
} as const satisfies Record<string, Record<Locale, string>>;

export type OverrideReason = keyof typeof OVERRIDE_REASONS;

export const OVERRIDE_REASON_CODES = Object.keys(OVERRIDE_REASONS) as OverrideReason[];

export function isOverrideReason(code: string): code is OverrideReason {
  return Object.hasOwn(OVERRIDE_REASONS, code);
}

export function overrideReasonLabel(code: OverrideReason, locale: Locale): string {
  return OVERRIDE_REASONS[code][locale];
}

/** Shortest justification accepted with an override (characters, after trimming). */
export const MIN_JUSTIFICATION = 20;
