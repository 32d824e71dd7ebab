import { gatherDigits, mnistDigits } from '@sparseout/example-data';
import type { DigitSet } from '../src/digits-format.js';

/** Training digits per class the page trains on (from the front of each class). */
export const TRAIN_PER_DIGIT = 100;
/** Held-out digits per class (from the back of each class: never trained on, here or in the classifier). */
export const TEST_PER_DIGIT = 50;
/** Digits per class the build trains the ONNX classifier on (from the front). */
export const CLASSIFIER_PER_DIGIT = 200;

/** `perDigit` samples of every digit, interleaved by digit, from the front or the back of each class. */
export function takeDigits(perDigit: number, fromEnd: boolean): DigitSet {
  return gatherDigits(
    Array.from({ length: perDigit }, (_, i) =>
      mnistDigits().map((digit) => [digit.id, fromEnd ? digit.length - 1 - i : i] as const),
    ).flat(),
  );
}
