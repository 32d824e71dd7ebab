import type { SparseoutErrorCode } from '@sparseout/core';
import type { BackwardRequest, DType, ForwardRequest } from '../adapter.js';
import { callForward, forwardWithMask, SUITE_SEED } from '../calls.js';
import { type Check, type CheckContext, ensure, needs } from '../check.js';
import { ensureShapeAndType, ensureValues } from '../compare.js';
import { referenceBackward, referenceForward } from '../reference.js';
import { ensureRejects } from '../rejection.js';
import { fmt, patternMask, tensor } from '../tensors.js';

/**
 * S1.3 amendment A1 (docs/spec.md): the smallest epsilon. At it, n * g <= 2^53 * 1e20 stays finite
 * in float32, so S2.6 and S3.4 hold on every backend; below it they did not.
 */
const MIN_EPSILON = 1e-20;

/** Zero and tiny inputs (float32-representable), where the gain is near its largest, 1 / epsilon. */
const NEAR_ZERO = [0, -0, 1e-30, -1e-30, 1e-20, -1e-20, 1e-12, -1e-12, 1e-6, -1e-6, 0.5, -2];

const INPUT = [0.5, -1, 2, 0, 3, -0.25];

function input() {
  return tensor(INPUT, [2, 3], 'float32');
}

/** S1.4 for one invalid forward parameter: each value must reject with `code`, naming it. */
function rejectsForward(
  parameter: 'rate' | 'q' | 'epsilon',
  values: number[],
  code: SparseoutErrorCode,
): Check['run'] {
  return async (context: CheckContext) => {
    for (const value of values) {
      const x = input();
      const mask = patternMask(x.data.length);
      const request: ForwardRequest = { x, rate: 0.5, q: 1, [parameter]: value };
      if (context.supports.explicitMask) request.mask = mask;
      await ensureRejects(
        () => callForward(context, request),
        { call: `forward with ${parameter} ${value}`, code, parameter, value },
        [x],
        [mask],
      );
    }
    return {
      expected: `${values.length} invalid values of ${parameter} rejected with ${code}, naming ${parameter} and the value; input untouched`,
      measured: `all ${values.length} rejected as required`,
    };
  };
}

export const s1Checks: Check[] = [
  {
    id: 'S1.1',
    title: 'an invalid rate is rejected with SPARSEOUT_INVALID_RATE',
    run: rejectsForward(
      'rate',
      [1, 1.5, -0.1, Number.NaN, Number.POSITIVE_INFINITY],
      'SPARSEOUT_INVALID_RATE',
    ),
  },
  {
    id: 'S1.1',
    title: 'every rate in [0, 1) is accepted',
    async run(context) {
      const rates = [0, 0.25, 0.999];
      for (const rate of rates) {
        const x = input();
        const request: ForwardRequest = { x, rate, q: 1 };
        if (context.supports.explicitMask) request.mask = patternMask(x.data.length);
        const result = await callForward(context, request);
        ensureShapeAndType(result?.y, x.shape, 'float32', `y at rate ${rate}`);
      }
      return { expected: `rates ${rates.join(', ')} accepted`, measured: 'all accepted' };
    },
  },
  {
    id: 'S1.2',
    title: 'an invalid q is rejected with SPARSEOUT_INVALID_Q',
    run: rejectsForward('q', [-0.5, Number.NaN, Number.POSITIVE_INFINITY], 'SPARSEOUT_INVALID_Q'),
  },
  {
    id: 'S1.3',
    title: 'an invalid epsilon is rejected with SPARSEOUT_INVALID_EPSILON',
    run: rejectsForward(
      'epsilon',
      [0, -1e-12, Number.NaN, Number.POSITIVE_INFINITY],
      'SPARSEOUT_INVALID_EPSILON',
    ),
  },
  {
    id: 'S1.3',
    title: 'epsilon below 1e-20 is rejected with SPARSEOUT_INVALID_EPSILON',
    run: rejectsForward(
      'epsilon',
      [9.99999999999999e-21, 1e-30, 1e-37, 1e-39, 1e-310, 5e-324],
      'SPARSEOUT_INVALID_EPSILON',
    ),
  },
  {
    id: 'S1.3',
    title: 'at epsilon 1e-20, the smallest allowed, y and dx follow S2.3 and S3: y = 0 at x = 0, all finite',
    async run(context) {
      const dtypes: DType[] = context.supports.float64 ? ['float32', 'float64'] : ['float32'];
      const modes = context.adapter.backward
        ? (['reference', 'exact'] as const).filter((m) => context.supports.gradient[m])
        : [];
      const mask = patternMask(NEAR_ZERO.length, 2);
      let calls = 0;
      for (const dtype of dtypes) {
        // Rates exact in float32 (1 - 2^-6, 1 - 2^-10: n = 63, 1023): a framework holding the rate
        // in float32 (ONNX Dropout's ratio has the data's type) would otherwise carry the rounding
        // of r, scaled by 1 / (1 - r), into n.
        for (const rate of [1 - 2 ** -6, 1 - 2 ** -10]) {
          for (const q of [0, 0.5, 1, 1.5]) {
            const x = tensor(NEAR_ZERO, [3, 4], dtype);
            const params = { rate, q, epsilon: MIN_EPSILON };
            const where = `${dtype} rate ${rate} q ${q} epsilon 1e-20`;
            const result = await forwardWithMask(context, x, params, mask);
            result.y.data.forEach((v, i) => {
              const wanted = x.data[i] === 0 ? v === 0 : Number.isFinite(v);
              ensure(
                wanted,
                `${where}, x = ${fmt(x.data[i])}: ${x.data[i] === 0 ? '0' : 'a finite y'}`,
                fmt(v),
              );
            });
            const expected = referenceForward(x.data, result.mask, params);
            ensureValues(result.y.data, expected, dtype, x.data, where, x.data);
            calls++;
            for (const gradient of modes) {
              const dy = tensor(new Array(NEAR_ZERO.length).fill(1), [3, 4], dtype);
              const request = { dy, x, mask: result.mask.slice(), ...params, gradient };
              const backward = await Promise.resolve().then(() => context.adapter.backward!(request));
              ensureShapeAndType(backward?.dx, dy.shape, dtype, 'dx');
              backward.dx.data.forEach((v, i) => {
                ensure(
                  Number.isFinite(v),
                  `${where} ${gradient}, x = ${fmt(x.data[i])}: a finite dx`,
                  fmt(v),
                );
              });
              const wanted = referenceBackward(dy.data, x.data, result.mask, { ...params, gradient });
              ensureValues(backward.dx.data, wanted, dtype, dy.data, `${where} ${gradient} dx`, x.data);
              calls++;
            }
          }
        }
      }
      return {
        expected: `y and dx of S2.3/S3 within S2.8, y = 0 at x = 0, all finite: |x| in [0, 2], q < 2, rates 1 - 2^-6 and 1 - 2^-10 (${calls} calls)`,
        measured: 'as required',
      };
    },
  },
  {
    id: 'S1.3',
    title: 'epsilon defaults to 1e-12 and a given epsilon is used',
    applies: needs.explicitMask,
    async run(context) {
      // q = 0 makes g = 1 / (|x| + e), so at |x| = 1e-10 the output shows e to many digits.
      const values = [1e-10, -1e-10, 0, 2e-10, 1e-6, -3e-9];
      const mask = Uint8Array.from([1, 0, 1, 0, 1, 1]);
      for (const epsilon of [undefined, 1e-6]) {
        const x = tensor(values, [6], 'float32');
        const params = { rate: 0.5, q: 0, ...(epsilon === undefined ? {} : { epsilon }) };
        const { y } = await forwardWithMask(context, x, params, mask);
        const expected = referenceForward(x.data, mask, { rate: 0.5, q: 0, epsilon: epsilon ?? 1e-12 });
        ensureValues(y.data, expected, 'float32', x.data, `epsilon ${epsilon ?? 'omitted (1e-12)'}`, x.data);
      }
      return {
        expected: 'y of S2.3 with epsilon 1e-12 when omitted, and with 1e-6 when given (q = 0, |x| ~ 1e-10)',
        measured: 'both agree within S2.8',
      };
    },
  },
  {
    id: 'S1.4',
    title: 'a mask of the wrong length is rejected with SPARSEOUT_SHAPE_MISMATCH',
    applies: needs.explicitMask,
    async run(context) {
      const x = input();
      const mask = new Uint8Array(x.data.length + 1).fill(1);
      await ensureRejects(
        () => callForward(context, { x, rate: 0.5, q: 1, mask }),
        {
          call: `forward with a mask of length ${mask.length} for ${x.data.length} elements`,
          code: 'SPARSEOUT_SHAPE_MISMATCH',
        },
        [x],
        [mask],
      );
      return { expected: 'SPARSEOUT_SHAPE_MISMATCH, input untouched', measured: 'as required' };
    },
  },
  {
    id: 'S1.4',
    title: 'an invalid seed or step is rejected with SPARSEOUT_INVALID_SEED',
    applies: needs.seededMask,
    async run(context) {
      // A numeric string is refused too (amendment A2: null or undefined is absent, a string is not a seed).
      const bad: Array<[parameter: 'seed' | 'step', value: number | bigint]> = [
        ['seed', '42' as unknown as number],
        ['step', '1' as unknown as number],
        ['seed', -1],
        ['seed', 1.5],
        ['seed', 2 ** 53],
        ['seed', 2n ** 64n],
        ['seed', -1n],
        ['step', -1],
        ['step', 2n ** 64n],
      ];
      for (const [parameter, value] of bad) {
        const x = input();
        const request: ForwardRequest = { x, rate: 0.5, q: 1, seed: SUITE_SEED, step: 0, [parameter]: value };
        await ensureRejects(
          () => callForward(context, request),
          {
            call: `forward with ${parameter} ${String(value)}`,
            code: 'SPARSEOUT_INVALID_SEED',
            parameter,
            value,
          },
          [x],
        );
      }
      return {
        expected: `${bad.length} invalid seeds and steps rejected with SPARSEOUT_INVALID_SEED, naming them`,
        measured: 'all rejected as required',
      };
    },
  },
  {
    id: 'S1.4',
    title: 'backward rejects invalid parameters and shapes with their codes, leaving dy and x untouched',
    applies: needs.anyBackward,
    async run(context) {
      const backward = context.adapter.backward!;
      const gradient: 'reference' | 'exact' = context.supports.gradient.reference ? 'reference' : 'exact';
      const valid = (): BackwardRequest => ({
        dy: tensor([1, -2, 0.5, 3, -1, 2], [2, 3], 'float32'),
        x: input(),
        mask: patternMask(INPUT.length),
        rate: 0.5,
        q: 1,
        gradient,
      });
      type Request = BackwardRequest;
      const cases: Array<{ call: string; code: SparseoutErrorCode; edit: (r: Request) => Request }> = [
        { call: 'backward with rate 1', code: 'SPARSEOUT_INVALID_RATE', edit: (r) => ({ ...r, rate: 1 }) },
        { call: 'backward with q -1', code: 'SPARSEOUT_INVALID_Q', edit: (r) => ({ ...r, q: -1 }) },
        {
          call: 'backward with epsilon 0',
          code: 'SPARSEOUT_INVALID_EPSILON',
          edit: (r) => ({ ...r, epsilon: 0 }),
        },
        {
          call: 'backward with epsilon 1e-30 (below 1e-20)',
          code: 'SPARSEOUT_INVALID_EPSILON',
          edit: (r) => ({ ...r, epsilon: 1e-30 }),
        },
        {
          call: "backward with training 'false'",
          code: 'SPARSEOUT_INVALID_INPUT',
          edit: (r) => ({ ...r, training: 'false' as unknown as boolean }),
        },
        {
          call: "backward with gradient 'bogus'",
          code: 'SPARSEOUT_INVALID_INPUT',
          edit: (r) => ({ ...r, gradient: 'bogus' as Request['gradient'] }),
        },
        {
          call: 'backward with a mask one element short',
          code: 'SPARSEOUT_SHAPE_MISMATCH',
          edit: (r) => ({ ...r, mask: new Uint8Array(INPUT.length - 1).fill(1) }),
        },
        {
          call: 'backward with dy one element longer than x',
          code: 'SPARSEOUT_SHAPE_MISMATCH',
          edit: (r) => ({ ...r, dy: tensor([...INPUT, 1], [7], 'float32') }),
        },
      ];
      for (const { call, code, edit } of cases) {
        const request = edit(valid());
        await ensureRejects(
          () => backward.call(context.adapter, request),
          { call, code },
          [request.x, request.dy],
          [request.mask],
        );
      }
      return {
        expected: `${cases.length} invalid backward calls rejected with their S1.4 codes, dy, x and mask untouched`,
        measured: 'all rejected as required',
      };
    },
  },
];
