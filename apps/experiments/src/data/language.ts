import { SeededRandom } from '../random.js';
import {
  buildVocabulary,
  consecutiveStarts,
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
  /** Non-overlapping windows covering the first `trainCharacters` characters of the training text. */
  train: Windows;
  validation: Windows;
  test: Windows;
  /** Characters in each split's text (all addresses of the split, normalised). */
  characters: { train: number; validation: number; test: number };
}

/** Options of loadLanguageData. */
export interface LanguageOptions {
  /** Seed of the address split and of the held-out window positions. */
  seed: number;
  timeSteps: number;
  /** Length of the training slice: the first this many characters of the training addresses' text. */
  trainCharacters: number;
  validationWindows: number;
  testWindows: number;
  /** Characters seen fewer times in the train text become the unknown symbol. */
  minCharCount: number;
}

function randomWindows(codes: Int32Array, count: number, length: number, random: SeededRandom): Windows {
  const starts = Array.from({ length: count }, () => random.int(codes.length - length - 1));
  return windowsAt(codes, starts, length);
}

/**
 * State of the Union addresses split 80/10/10 by address; the vocabulary comes from the train
 * addresses only; training windows tile a slice from the start of the training text (in the split's
 * address order), held-out windows start at seeded random positions of each held-out split's text.
 */
export function loadLanguageData(options: LanguageOptions): LanguageData {
  const split = splitByAddress(loadAddresses(), { seed: options.seed, validation: 0.1, test: 0.1 });
  const text = (addresses: AddressSplit['train']) => addresses.map((a) => normalizeText(a.text)).join(' ');
  const trainText = text(split.train);
  const validationText = text(split.validation);
  const testText = text(split.test);
  if (options.trainCharacters + 1 > trainText.length) {
    throw new RangeError(
      `the training text has ${trainText.length} characters, asked for ${options.trainCharacters}`,
    );
  }
  const vocabulary = buildVocabulary(trainText, options.minCharCount);
  // One character more than the slice: the last window's last target.
  const slice = encode(trainText.slice(0, options.trainCharacters + 1), vocabulary);
  const random = new SeededRandom(options.seed);
  return {
    vocabulary,
    split,
    train: windowsAt(
      slice,
      consecutiveStarts(slice, options.timeSteps, Number.POSITIVE_INFINITY),
      options.timeSteps,
    ),
    validation: randomWindows(
      encode(validationText, vocabulary),
      options.validationWindows,
      options.timeSteps,
      random,
    ),
    test: randomWindows(encode(testText, vocabulary), options.testWindows, options.timeSteps, random),
    characters: { train: trainText.length, validation: validationText.length, test: testText.length },
  };
}
