/**
 * MC Sparseout in ONNX Runtime Web: a small mnist classifier exported as ONNX with a Dropout,
 * `replaceDropout` -> Sparseout (q 1.5), then `mcPredict` on real digits and on uniform noise.
 */
import { runExample } from './uncertainty.js';

const options = { trainPerDigit: 400, testPerDigit: 50, epochs: 3, samples: 100, q: 1.5, rate: 0.3 };
const result = await runExample({ ...options, log: (line) => console.log(line) });
const row = (name: string, s: { predictiveVariance: number; meanConfidence: number; accuracy?: number }) =>
  `${name.padEnd(22)} ${s.predictiveVariance.toFixed(4).padStart(10)} ${s.meanConfidence.toFixed(3).padStart(10)} ${
    s.accuracy === undefined ? '         -' : s.accuracy.toFixed(3).padStart(10)
  }`;
console.log(`\nMC Sparseout, ${options.samples} samples per input, ${result.inputs} inputs per set`);
console.log(
  `${'inputs'.padEnd(22)} ${'pred. var'.padStart(10)} ${'confidence'.padStart(10)} ${'accuracy'.padStart(10)}`,
);
console.log(row('held-out mnist digits', result.digits));
console.log(row('uniform noise', result.noise));
const ratio = result.noise.predictiveVariance / result.digits.predictiveVariance;
console.log(`\nnoise / digits predictive variance: ${ratio.toFixed(2)}x`);
