import type { Locale } from '../i18n';
import { dictionary } from '../i18n';

/**
 * Human labels of fields and category values. Field labels come from the credit engine's single
 * label table (fieldLabel); category values from the data dictionary section of lib/i18n.
 */

// TODO(engine): replace with the engine's fieldLabel once lib/credit exposes it.
export function fieldLabel(field: string, _locale: Locale): string {
  return field;
}

/** The people-facing name of a category value (unchanged when the dictionary has none). */
export function categoryLabel(field: string, value: string, locale: Locale): string {
  const values = dictionary(locale).data.values as Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;
  return values[field]?.[value] ?? value;
}
