import { characterCount, MAX_TEXT_CHARACTERS, splitWords, textProblem, withoutSpan } from '@/lib/nlp/text';
import { annotatedSegments, direction, topWords } from '@/lib/nlp/demoView';

describe('input text rules', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('😀a')).toBe(2);
    expect(characterCount('café')).toBe(4);
  });

  it('refuses blank texts and texts over the limit', () => {
    expect(textProblem('')).toEqual({ kind: 'empty' });
    expect(textProblem(' \n\t ')).toEqual({ kind: 'empty' });
    expect(textProblem('a'.repeat(MAX_TEXT_CHARACTERS))).toBeNull();
    expect(textProblem('a'.repeat(MAX_TEXT_CHARACTERS + 1))).toEqual({ kind: 'too-long', characters: MAX_TEXT_CHARACTERS + 1 });
    // 10,000 emoji are 20,000 UTF-16 units but 10,000 characters.
    expect(textProblem('😀'.repeat(MAX_TEXT_CHARACTERS))).toBeNull();
  });
});

describe('word segmentation and occlusion', () => {
  it('splits words, keeping inner apostrophes, hyphens and decimals', () => {
    const words = splitWords("Baby's t-shirt, 3.5kg (pack of 2)!");
    expect(words.map((w) => w.word)).toEqual(["Baby's", 't-shirt', '3.5kg', 'pack', 'of', '2']);
    for (const w of words) expect("Baby's t-shirt, 3.5kg (pack of 2)!".slice(w.start, w.end)).toBe(w.word);
    expect(words.map((w) => w.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('removes a word without leaving a double space', () => {
    const text = 'Sony wrist watch, analog display';
    const [sony, wrist, watch, , display] = splitWords(text);
    expect(withoutSpan(text, sony)).toBe('wrist watch, analog display');
    expect(withoutSpan(text, wrist)).toBe('Sony watch, analog display');
    expect(withoutSpan(text, watch)).toBe('Sony wrist, analog display');
    expect(withoutSpan(text, display)).toBe('Sony wrist watch, analog');
  });
});

describe('demo view helpers', () => {
  const text = 'red cotton towel';
  const words = splitWords(text).map((w, i) => ({ ...w, value: [0.2, -0.1, 0][i] }));

  it('annotates every word and keeps the text between them', () => {
    const segments = annotatedSegments(text, words);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    const scored = segments.filter((s) => s.kind === 'word');
    expect(scored).toHaveLength(3);
    expect(scored[0]).toMatchObject({ text: 'red', strength: 1 });
    expect(scored[1]).toMatchObject({ text: 'cotton', strength: 0.5 });
  });

  it('ranks words by the size of their effect and names the direction', () => {
    expect(topWords(words, 2).map((w) => w.word)).toEqual(['red', 'cotton']);
    expect(words.map((w) => direction(w.value))).toEqual(['supports', 'opposes', 'neutral']);
  });
});
