import type { BackwardRequest, BackwardResult, DType } from '../adapter.js';
import { callForward } from '../calls.js';
import { all, type Check, type CheckContext, ensure, needs } from '../check.js';
import { ensureShapeAndType, ensureValues } from '../compare.js';
import { goldenCases } from '../golden/vectors.js';
import { referenceBackward } from '../reference.js';
import { copyTensor, fmt, patternMask, sameTensor, tensor } from '../tensors.js';
import { toleranceText } from '../tolerance.js';
import { spreadValues } from './s2-forward.js';

type Mode = 'reference' | 'exact';

/** Calls backward, turning a synchronous throw into a rejection, and checks dx's container (S2.8). */
async function callBackward(
  context: CheckContext,
  request: BackwardRequest,
  dtype: DType,
): Promise<BackwardResult> {
  const result = await Promise.resolve().then(() => context.adapter.backward!(request));
  ensureShapeAndType(result?.dx, request.dy.shape, dtype, 'dx');
  return result;
}

/** S3.1 / S3.2 over the golden vectors of `dtype`. */
function goldenBackward(mode: Mode, dtype: DType): Check['run'] {
  return async (context) => {
    const cases = goldenCases(dtype);
    for (const c of cases) {
      const x = tensor(c.x, c.shape, dtype);
      const dy = tensor(c.dy, c.shape, dtype);
      const { dx } = await callBackward(
        context,
        { dy, x, mask: c.mask.slice(), rate: c.rate, q: c.q, gradient: mode },
        dtype,
      );
      const expected = mode === 'reference' ? c.dxReference : c.dxExact;
      ensureValues(dx.data, expected, dtype, dy.data, `golden case "${c.name}", ${mode} gradient`, x.data);
    }
    return {
      expected: `${cases.length} golden cases (vectors/${dtype}.json, dx ${mode}) within ${toleranceText(dtype)}`,
      measured: `all ${cases.length * cases[0].x.length} elements agree`,
    };
  };
}

const dtypes = (context: CheckContext): DType[] =>
  context.supports.float64 ? ['float32', 'float64'] : ['float32'];

export const s3Checks: Check[] = [
  {
    id: 'S3.1',
    title: 'reference backward matches the golden vectors (float32 inputs)',
    applies: needs.reference,
    run: goldenBackward('reference', 'float32'),
  },
  {
    id: 'S3.1',
    title: 'reference backward matches the golden vectors (float64 inputs)',
    applies: all(needs.reference, needs.float64),
    run: goldenBackward('reference', 'float64'),
  },
  {
    id: 'S3.1',
    title: 'the default gradient is the reference one',
    applies: needs.reference,
    async run(context) {
      const x = tensor(spreadValues(24), [4, 6], 'float32');
      const dy = tensor(spreadValues(24, 7), [4, 6], 'float32');
      const mask = patternMask(24);
      const params = { rate: 0.5, q: 1 };
      const { dx } = await callBackward(context, { dy, x, mask, ...params }, 'float32');
      const expected = referenceBackward(dy.data, x.data, mask, { ...params, gradient: 'reference' });
      ensureValues(dx.data, expected, 'float32', dy.data, 'gradient omitted', x.data);
      return { expected: 'dx = dy * (1 + n * g) when no gradient is named', measured: 'as required' };
    },
  },
  {
    id: 'S3.2',
    title: 'exact backward matches the golden vectors (float32 inputs)',
    applies: needs.exact,
    run: goldenBackward('exact', 'float32'),
  },
  {
    id: 'S3.2',
    title: 'exact backward matches the golden vectors (float64 inputs)',
    applies: all(needs.exact, needs.float64),
    run: goldenBackward('exact', 'float64'),
  },
  {
    id: 'S3.3',
    title: 'the two modes agree when q = 2',
    applies: all(needs.reference, needs.exact),
    async run(context) {
      const x = tensor(spreadValues(30), [5, 6], 'float32');
      const dy = tensor(spreadValues(30, 11), [5, 6], 'float32');
      const mask = patternMask(30);
      const results: Float64Array[] = [];
      for (const gradient of ['reference', 'exact'] as const) {
        const { dx } = await callBackward(context, { dy, x, mask, rate: 0.3, q: 2, gradient }, 'float32');
        results.push(Float64Array.from(dx.data));
      }
      ensureValues(results[1], results[0], 'float32', dy.data, 'exact vs reference at q = 2');
      return { expected: 'identical dx from both modes at q = 2', measured: 'as required' };
    },
  },
  {
    id: 'S3.3',
    title: 'in inference dx = dy',
    applies: all(needs.anyBackward, needs.inference),
    async run(context) {
      const modes: Mode[] = (['reference', 'exact'] as const).filter((m) => context.supports.gradient[m]);
      for (const dtype of dtypes(context)) {
        for (const gradient of modes) {
          const x = tensor(spreadValues(12), [3, 4], dtype);
          const dy = tensor(spreadValues(12, 5), [3, 4], dtype);
          const mask = patternMask(12);
          const { dx } = await callBackward(
            context,
            { dy, x, mask, rate: 0.5, q: 1, gradient, training: false },
            dtype,
          );
          for (let i = 0; i < 12; i++)
            ensure(
              dx.data[i] === dy.data[i],
              `${dtype} ${gradient}: dx[${i}] = dy[${i}] = ${fmt(dy.data[i])}`,
              fmt(dx.data[i]),
            );
        }
      }
      return {
        expected: `dx = dy exactly with training: false (${modes.join(', ')})`,
        measured: 'as required',
      };
    },
  },
  {
    id: 'S3.4',
    title: 'finite inputs give finite results where q < 2 and |x| is tiny',
    async run(context) {
      const tiny = [0, -0, 1e-45, -1e-45, 1e-30, -1e-30, 1e-12, -1e-12, 1e-8, -1e-8, 1e-6, -1e-6];
      const modes: Mode[] = context.adapter.backward
        ? (['reference', 'exact'] as const).filter((m) => context.supports.gradient[m])
        : [];
      let calls = 0;
      for (const dtype of dtypes(context)) {
        for (const q of [0, 0.5, 1, 1.5]) {
          const x = tensor(tiny, [3, 4], dtype);
          const mask = patternMask(12, 2);
          const request = { x, rate: 0.9, q, ...(context.supports.explicitMask ? { mask } : {}) };
          const forward = await callForward(context, request);
          ensureShapeAndType(forward?.y, [3, 4], dtype, 'y');
          forward.y.data.forEach((v, i) => {
            ensure(Number.isFinite(v), `${dtype} q ${q} forward, x = ${fmt(x.data[i])}: a finite y`, fmt(v));
          });
          calls++;
          for (const gradient of modes) {
            const dy = tensor(new Array(12).fill(1), [3, 4], dtype);
            const { dx } = await callBackward(context, { dy, x, mask, rate: 0.9, q, gradient }, dtype);
            dx.data.forEach((v, i) => {
              ensure(
                Number.isFinite(v),
                `${dtype} q ${q} ${gradient}, x = ${fmt(x.data[i])}: a finite dx`,
                fmt(v),
              );
            });
            calls++;
          }
        }
      }
      return {
        expected: `finite y and dx for |x| in [0, 1e-6], q < 2, rate 0.9 (${calls} calls)`,
        measured: 'as required',
      };
    },
  },
  {
    id: 'S3.1',
    title: 'every element of dx follows S3.1/S3.2, lengths that are not a multiple of 4 included',
    applies: needs.anyBackward,
    async run(context) {
      const modes: Mode[] = (['reference', 'exact'] as const).filter((m) => context.supports.gradient[m]);
      const lengths = [1, 2, 3, 5, 7, 13, 1029];
      for (const dtype of dtypes(context)) {
        for (const length of lengths) {
          for (const q of [0, 1.5, 3]) {
            for (const gradient of modes) {
              const x = tensor(spreadValues(length, length), [length], dtype);
              const dy = tensor(spreadValues(length, length + 3), [length], dtype);
              const mask = patternMask(length);
              const params = { rate: 0.5, q, gradient };
              const { dx } = await callBackward(context, { dy, x, mask, ...params }, dtype);
              const expected = referenceBackward(dy.data, x.data, mask, params);
              ensureValues(
                dx.data,
                expected,
                dtype,
                dy.data,
                `${dtype} length ${length} q ${q} ${gradient}`,
                x.data,
              );
            }
          }
        }
      }
      return {
        expected: `dx of S3 at every index for lengths ${lengths.join(', ')} (q 0, 1.5, 3; ${modes.join(', ')})`,
        measured: 'as required',
      };
    },
  },
  {
    id: 'S3.1',
    title: 'backward returns a new dx and leaves dy, x and the mask unchanged',
    applies: needs.anyBackward,
    async run(context) {
      const gradient: Mode = context.supports.gradient.reference ? 'reference' : 'exact';
      const x = tensor(spreadValues(24), [4, 6], 'float32');
      const dy = tensor(spreadValues(24, 3), [4, 6], 'float32');
      const mask = patternMask(24);
      const [xBefore, dyBefore] = [copyTensor(x), copyTensor(dy)];
      const { dx } = await callBackward(context, { dy, x, mask, rate: 0.5, q: 1, gradient }, 'float32');
      ensure(sameTensor(x, xBefore), 'x unchanged after backward', 'x was modified');
      ensure(sameTensor(dy, dyBefore), 'dy unchanged after backward', 'dy was modified');
      ensure(
        mask.every((b, i) => b === patternMask(24)[i]),
        'mask unchanged after backward',
        'the mask was modified',
      );
      ensure(dx.data !== dy.data && dx.data !== x.data, 'dx in a new array', 'dx aliases an input');
      return { expected: 'dy, x and the mask untouched; dx a new array', measured: 'as required' };
    },
  },
];
