import { describe, expect, it } from 'vitest';
import { sparseoutBackward } from './backward.js';
import { SparseoutError } from './errors.js';
import { sparseoutForward } from './forward.js';
import { bernoulliMask } from './mask.js';
import { validateParams } from './params.js';
import { sparseout } from './sparseout.js';

/** Expects `call` to throw a SparseoutError with `code` whose message names `parameter` and `got`. */
function expectRejected(call: () => unknown, code: string, parameter: string, got: string) {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SparseoutError);
  const error = caught as SparseoutError;
  expect(error.code).toBe(code);
  expect(error.name).toBe('SparseoutError');
  expect(error.message).toContain(parameter);
  expect(error.message).toContain(`got ${got}`);
}

describe('S1 parameters', () => {
  it('S1.3 epsilon defaults to 1e-12', () => {
    expect(validateParams({ rate: 0.5, q: 1 })).toEqual({ rate: 0.5, q: 1, epsilon: 1e-12 });
  });

  it('S1.1/S1.2 the boundary values are accepted: rate 0, q 0', () => {
    expect(validateParams({ rate: 0, q: 0, epsilon: 1e-3 })).toEqual({ rate: 0, q: 0, epsilon: 1e-3 });
  });

  it('S1.4 the message has the form of the specification', () => {
    expect(() => validateParams({ rate: 1.5, q: 2 })).toThrow('rate must be in [0, 1), got 1.5');
  });
});

describe('S1.4 each error code from the input that should produce it, nothing written', () => {
  const x = new Float32Array([0.5, -1, 2, 0]);
  const xCopy = x.slice();
  const mask = new Uint8Array([1, 0, 1, 1]);
  const out = new Float32Array([7, 7, 7, 7]);

  const forward =
    (params: object, input: unknown = x, m: unknown = mask) =>
    () =>
      sparseoutForward(input as Float32Array, m as Uint8Array, params as { rate: number; q: number }, out);

  const cases: Array<[string, () => unknown, string, string, string]> = [
    ['rate 1', forward({ rate: 1, q: 1 }), 'SPARSEOUT_INVALID_RATE', 'rate', '1'],
    ['rate -0.1', forward({ rate: -0.1, q: 1 }), 'SPARSEOUT_INVALID_RATE', 'rate', '-0.1'],
    ['rate NaN', forward({ rate: Number.NaN, q: 1 }), 'SPARSEOUT_INVALID_RATE', 'rate', 'NaN'],
    ['rate a string', forward({ rate: '0.5', q: 1 }), 'SPARSEOUT_INVALID_RATE', 'rate', '"0.5"'],
    ['q -1', forward({ rate: 0.5, q: -1 }), 'SPARSEOUT_INVALID_Q', 'q', '-1'],
    [
      'q Infinity',
      forward({ rate: 0.5, q: Number.POSITIVE_INFINITY }),
      'SPARSEOUT_INVALID_Q',
      'q',
      'Infinity',
    ],
    ['q missing', forward({ rate: 0.5 }), 'SPARSEOUT_INVALID_Q', 'q', 'undefined'],
    ['epsilon 0', forward({ rate: 0.5, q: 1, epsilon: 0 }), 'SPARSEOUT_INVALID_EPSILON', 'epsilon', '0'],
    [
      'epsilon Infinity',
      forward({ rate: 0.5, q: 1, epsilon: Number.POSITIVE_INFINITY }),
      'SPARSEOUT_INVALID_EPSILON',
      'epsilon',
      'Infinity',
    ],
    [
      'mask of the wrong length',
      forward({ rate: 0.5, q: 1 }, x, new Uint8Array(3)),
      'SPARSEOUT_SHAPE_MISMATCH',
      'mask',
      '3',
    ],
    [
      'an Int32Array input',
      forward({ rate: 0.5, q: 1 }, new Int32Array(4)),
      'SPARSEOUT_INVALID_INPUT',
      'x',
      'Int32Array(4)',
    ],
    [
      'a plain array input',
      forward({ rate: 0.5, q: 1 }, [1, 2, 3, 4]),
      'SPARSEOUT_INVALID_INPUT',
      'x',
      'Array(4)',
    ],
    [
      'a mask that is not a Uint8Array',
      forward({ rate: 0.5, q: 1 }, x, [1, 0, 1, 1]),
      'SPARSEOUT_INVALID_INPUT',
      'mask',
      'Array(4)',
    ],
    [
      'an out buffer of another type',
      () => sparseoutForward(x, mask, { rate: 0.5, q: 1 }, new Float64Array(4) as unknown as Float32Array),
      'SPARSEOUT_INVALID_INPUT',
      'out',
      'Float64Array(4)',
    ],
    [
      'an out buffer of another length',
      () => sparseoutForward(x, mask, { rate: 0.5, q: 1 }, new Float32Array(5)),
      'SPARSEOUT_SHAPE_MISMATCH',
      'out',
      '5',
    ],
    [
      'seed 1.5',
      () => sparseout(x, { rate: 0.5, q: 1, seed: 1.5 }, out),
      'SPARSEOUT_INVALID_SEED',
      'seed',
      '1.5',
    ],
    [
      'seed -1',
      () => sparseout(x, { rate: 0.5, q: 1, seed: -1 }, out),
      'SPARSEOUT_INVALID_SEED',
      'seed',
      '-1',
    ],
    [
      'seed above 2^64',
      () => sparseout(x, { rate: 0.5, q: 1, seed: 2n ** 64n }, out),
      'SPARSEOUT_INVALID_SEED',
      'seed',
      '18446744073709551616n',
    ],
    [
      'a number seed beyond the safe integers',
      () => sparseout(x, { rate: 0.5, q: 1, seed: 2 ** 64 }, out),
      'SPARSEOUT_INVALID_SEED',
      'seed',
      '18446744073709552000',
    ],
    [
      'step -1',
      () => sparseout(x, { rate: 0.5, q: 1, seed: 1, step: -1 }, out),
      'SPARSEOUT_INVALID_SEED',
      'step',
      '-1',
    ],
    [
      'gradient "approximate"',
      () => sparseoutBackward(x, x, mask, { rate: 0.5, q: 1, gradient: 'approximate' as 'exact' }, out),
      'SPARSEOUT_INVALID_INPUT',
      'gradient',
      '"approximate"',
    ],
    [
      'backward x of another length',
      () => sparseoutBackward(x, new Float32Array(3), mask, { rate: 0.5, q: 1 }, out),
      'SPARSEOUT_SHAPE_MISMATCH',
      'x',
      '3',
    ],
    [
      'bernoulliMask seed missing',
      () => bernoulliMask(4, 0.5, {} as { seed: number }, mask),
      'SPARSEOUT_INVALID_SEED',
      'seed',
      'undefined',
    ],
    [
      'bernoulliMask rate 1',
      () => bernoulliMask(4, 1, { seed: 1 }, mask),
      'SPARSEOUT_INVALID_RATE',
      'rate',
      '1',
    ],
  ];

  for (const [name, call, code, parameter, got] of cases) {
    it(`S1.4 ${code} for ${name}; input and out untouched`, () => {
      const maskCopy = mask.slice();
      expectRejected(call, code, parameter, got);
      expect(x).toEqual(xCopy);
      expect(out).toEqual(new Float32Array([7, 7, 7, 7]));
      expect(mask).toEqual(maskCopy);
    });
  }
});
