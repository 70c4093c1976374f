import type { RawValue } from '../data/columnarTable';
import { dictionary, type Locale } from '../i18n';
import type { ApplicationQuality, QualityFlag } from '../monitoring/types';
import { fieldLabel } from './labels';
import { displayValue } from './profile';
import { fill } from './text';

/**
 * The client page's « Score moins fiable » notice: the input-quality flags of one application
 * (value outside the training range, category never seen in training, important input missing)
 * in words, with the field labels and the training range. Null when the score is reliable.
 */

export interface QualityNoticeItem {
  readonly field: string;
  readonly label: string;
  readonly reason: string;
}

export interface QualityNotice {
  readonly heading: string;
  readonly lead: string;
  readonly listLabel: string;
  readonly items: readonly QualityNoticeItem[];
  readonly link: { readonly href: string; readonly text: string };
}

function reason(flag: QualityFlag, fields: Readonly<Record<string, RawValue>>, locale: Locale): string {
  const t = dictionary(locale).monitoring.quality;
  const raw = fields[flag.field] ?? null;
  const value = displayValue(flag.field, raw, locale);
  switch (flag.kind) {
    case 'out-of-range': {
      if (!flag.range) return fill(t.outOfRangeNoRange, { value });
      // DAYS_* ranges read as years reverse their order (the older bound is the more negative one).
      const [a, b] = [displayValue(flag.field, flag.range[0], locale), displayValue(flag.field, flag.range[1], locale)];
      const reversed = flag.field.startsWith('DAYS_');
      return fill(t.outOfRange, { value, lo: reversed ? b : a, hi: reversed ? a : b });
    }
    case 'unseen-category':
      return fill(t.unseenCategory, { value: typeof raw === 'string' ? raw : value });
    case 'missing-important':
      return t.missingImportant;
  }
}

export function qualityNotice(quality: ApplicationQuality, fields: Readonly<Record<string, RawValue>>, locale: Locale): QualityNotice | null {
  if (quality.reliable || quality.flags.length === 0) return null;
  const t = dictionary(locale).monitoring.quality;
  return {
    heading: t.heading,
    lead: t.lead,
    listLabel: t.listLabel,
    items: quality.flags.map((flag) => ({ field: flag.field, label: fieldLabel(flag.field, locale), reason: reason(flag, fields, locale) })),
    link: { href: '/surveillance', text: t.more },
  };
}
