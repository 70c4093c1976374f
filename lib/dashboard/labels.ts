import { categoryLabel as engineCategoryLabel, fieldLabel as engineFieldLabel } from '../credit/fieldLabels';
import type { Locale } from '../i18n';

/**
 * Human labels of fields and category values: both come from the credit engine's single label
 * table (lib/credit/fieldLabels, written from the Home Credit data dictionary), so the dashboard,
 * the engine's reasons and the API use the same words.
 */
export function fieldLabel(field: string, locale: Locale): string {
  return engineFieldLabel(field, locale);
}

/** A category value shown on its own (table cell, profile), capitalised: « Célibataire », « Salarié ». */
export function categoryLabel(field: string, value: string, locale: Locale): string {
  const label = engineCategoryLabel(field, value, locale);
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}
