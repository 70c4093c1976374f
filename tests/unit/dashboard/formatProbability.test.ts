import { formatProbability } from '@/lib/dashboard/format';

const NB = '\u00a0';

describe('formatProbability: a model probability is never printed as certain', () => {
  test('below 0.0005 it reads « < 0,1 % » / "< 0.1%"', () => {
    expect(formatProbability(0, 'fr')).toBe(`<${NB}0,1${NB}%`);
    expect(formatProbability(0.0004, 'fr')).toBe(`<${NB}0,1${NB}%`);
    expect(formatProbability(0, 'en')).toBe(`<${NB}0.1%`);
    expect(formatProbability(1e-9, 'en')).toBe(`<${NB}0.1%`);
  });

  test('from 0.9995 up it reads « > 99,9 % » / "> 99.9%"', () => {
    expect(formatProbability(1, 'fr')).toBe(`>${NB}99,9${NB}%`);
    expect(formatProbability(0.9995, 'fr')).toBe(`>${NB}99,9${NB}%`);
    expect(formatProbability(0.99999, 'en')).toBe(`>${NB}99.9%`);
  });

  test('otherwise it is the usual one-decimal percentage', () => {
    expect(formatProbability(0.0005, 'fr')).toBe(`0,1${NB}%`);
    expect(formatProbability(0.1234, 'fr')).toBe(`12,3${NB}%`);
    expect(formatProbability(0.1234, 'en')).toBe('12.3%');
    expect(formatProbability(0.9994, 'en')).toBe('99.9%');
  });

  test('no probability in [0, 1] prints 0,0 % or 100 %', () => {
    const printed: string[] = [];
    for (let i = 0; i <= 20000; i++) {
      for (const locale of ['fr', 'en'] as const) printed.push(formatProbability(i / 20000, locale));
    }
    expect(printed.filter((text) => /^0[.,]0/.test(text) || /^100/.test(text))).toEqual([]);
  });
});
