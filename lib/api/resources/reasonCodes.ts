import type { Locale } from '../../i18n/intl';
import type { z } from 'zod';
import { PROTECTED_FIELDS } from '../../credit/fields';
import { REASON_CODES } from '../../credit/reasonCodes';
import type { reasonCodesSchema } from '../schemas/reasonCodes';

/** The catalogue of stable reason codes in one language (no model needed: the catalogue is fixed). */

export function reasonCodesBody(lang: Locale): z.output<typeof reasonCodesSchema> {
  return {
    lang,
    protectedFields: [...PROTECTED_FIELDS],
    codes: REASON_CODES.map((c) => ({
      code: c.code,
      direction: c.direction,
      theme: c.theme,
      fields: [...c.fields],
      short: c.short[lang],
      long: c.long[lang],
    })),
  };
}
