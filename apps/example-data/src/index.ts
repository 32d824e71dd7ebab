export { CLASSES, type Digits, gatherDigits, type MnistDigit, mnistDigits, PIXELS, SIDE } from './digits.js';
export { uniformRandom, xorshift32 } from './xorshift32.js';
