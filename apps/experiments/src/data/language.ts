import { SeededRandom } from '../random.js';
import {
  buildVocabulary,
  encode,
  normalizeText,
  type Vocabulary,
  type Windows,
  windowsAt,
} from './characters.js';
import { type AddressSplit, loadAddresses, splitByAddress } from './sotu.js';

/** Character windows for language modelling, drawn from addresses split by address. */
export interface LanguageData {
  vocabulary: Vocabulary;
  split: AddressSplit;
  train: Windows;
  validation: Windows;
  test: Windows;
  /** Characters in each split's text (all addresses of the split, normalised). */
  characters: { train: number; validation: number; test: number };
}

/** Options of loadLanguageData. */
export interface LanguageOptions {
  /** Seed of the address split and of the window positions. */
  seed: number;
  timeSteps: number;
  trainWindows: number;
  evalWindows: number;
  /** Characters seen fewer times in the train text become the unknown symbol. */
  minCharCount: number;
}

function randomWindows(codes: Int32Array, count: number, length: number, random: SeededRandom): Windows {
  const starts = Array.from({ length: count }, () => random.int(codes.length - length - 1));
  return windowsAt(codes, starts, length);
}

/**
 * State of the Union addresses split 80/10/10 by address; the vocabulary comes from the train
 * addresses only; windows start at seeded random positions of each split's concatenated text.
 */
export function loadLanguageData(options: LanguageOptions): LanguageData {
  const split = splitByAddress(loadAddresses(), { seed: options.seed, validation: 0.1, test: 0.1 });
  const text = (addresses: AddressSplit['train']) => addresses.map((a) => normalizeText(a.text)).join(' ');
  const trainText = text(split.train);
  const validationText = text(split.validation);
  const testText = text(split.test);
  const vocabulary = buildVocabulary(trainText, options.minCharCount);
  const random = new SeededRandom(options.seed);
  return {
    vocabulary,
    split,
    train: randomWindows(encode(trainText, vocabulary), options.trainWindows, options.timeSteps, random),
    validation: randomWindows(
      encode(validationText, vocabulary),
      options.evalWindows,
      options.timeSteps,
      random,
    ),
    test: randomWindows(encode(testText, vocabulary), options.evalWindows, options.timeSteps, random),
    characters: { train: trainText.length, validation: validationText.length, test: testText.length },
  };
}
