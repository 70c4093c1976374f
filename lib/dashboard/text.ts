/**
 * Fills a dictionary template: fill('{n} prêts sur {total}', { n: '5', total: '10' }) → « 5 prêts sur 10 ».
 * Unknown placeholders are left as they are (visible in tests rather than silently empty).
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The separator between a label and its value: « Seuil : 8 % » in French (no-break space), "Threshold: 8%" in English. */
export function colon(locale: 'fr' | 'en'): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}
