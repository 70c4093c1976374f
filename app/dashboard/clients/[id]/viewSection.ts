import type { FieldOption } from '@/lib/dashboard/clientSections';
import type { Dictionary } from '@/lib/i18n';
import type { Choice } from '../../../_components/SelectField';

/** What every adjustable section of the client page receives: its model, the current view settings, the dictionary and the locale. */
export interface ViewSectionProps<M> {
  m: M;
  view: Readonly<Record<string, string>>;
  t: Dictionary;
  locale: string;
}

/** The variables a section offers to pick, as select choices (the field name is the submitted value). */
export function fieldChoices(options: readonly FieldOption[]): Choice[] {
  return options.map((o) => ({ value: o.field, label: o.label }));
}
