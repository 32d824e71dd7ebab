import { describe, expect, it } from 'vitest';
import { buildVocabulary, consecutiveStarts, encode, normalizeText, windowsAt } from './characters.js';

describe('character windows', () => {
  it('normalises case and white space', () => {
    expect(normalizeText('The  Union\n\tIS')).toBe('the union is');
  });

  it('keeps characters seen at least minCount times; others become index 0', () => {
    const vocabulary = buildVocabulary('aaabbc', 2);
    expect(vocabulary.chars).toEqual(['\u0000', 'a', 'b']);
    expect([...encode('abcz', vocabulary)]).toEqual([1, 2, 0, 0]);
  });

  it('targets are the inputs shifted by one character', () => {
    const codes = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const windows = windowsAt(codes, [0, 5], 4);
    expect([...windows.inputs]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect([...windows.targets]).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    expect(consecutiveStarts(codes, 4, 10)).toEqual([0, 4]);
  });
});
