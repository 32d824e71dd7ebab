/**
 * @sparseout/core rows (issue 8): forward, seeded forward and backward over 2^22 float32 elements,
 * rate 0.5, q in {1, 1.5, 2, 3}, each against a Float32Array.prototype.set copy of the same array;
 * a plain-JS Dropout loop for context; heap bytes per call with `out` given.
 */
import {
  bernoulliMask,
  sparseout,
  sparseoutBackward,
  sparseoutForward,
  sparseoutInto,
} from '@sparseout/core';
import { heapBytesPerCall } from '../memory.js';
import type { BenchCase, BenchSuite, TimeCase } from '../types.js';

const RATE = 0.5;
const QS = [1, 1.5, 2, 3] as const;
const COPY = 'Float32Array copy (.set)';
const FULL_LOG2 = 22;
const QUICK_LOG2 = 18;
const MEMORY_LENGTH = 1024;

/** Targets of issue 8 (median ratio against the copy). */
const FORWARD_TARGETS: Record<number, number | undefined> = { 1: 3.0, 2: 2.5 };
const SEEDED_TARGETS: Record<number, number | undefined> = { 1.5: 4.0 };
const BACKWARD_TARGETS: Record<number, number | undefined> = { 1.5: 3.0 };

/** Deterministic activations in (-3, 3), a few exact zeros included (xorshift32). */
function activations(n: number, seed = 0x9e3779b9): Float32Array {
  const x = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    x[i] = i % 97 === 0 ? 0 : ((s >>> 0) / 2 ** 32) * 6 - 3;
  }
  return x;
}

interface Arrays {
  x: Float32Array;
  dy: Float32Array;
  out: Float32Array;
  copy: Float32Array;
  mask: Uint8Array;
}

function arrays(quick: boolean): Arrays {
  const n = 2 ** (quick ? QUICK_LOG2 : FULL_LOG2);
  const x = activations(n);
  return {
    x,
    dy: activations(n, 12345),
    out: new Float32Array(n),
    copy: new Float32Array(n),
    mask: bernoulliMask(n, RATE, { seed: 42, step: 7 }),
  };
}

function timeCase(
  name: string,
  target: number | undefined,
  candidate: (a: Arrays) => () => unknown,
): TimeCase {
  return {
    kind: 'time',
    name: `${name}, 2^${FULL_LOG2} f32, rate ${RATE}`,
    baseline: COPY,
    target,
    // Single-threaded on both sides: CPU time leaves out other tenants of this shared machine.
    clock: 'cpu',
    setup({ quick }) {
      const a = arrays(quick);
      return { candidate: candidate(a), baseline: () => a.copy.set(a.x) };
    },
  };
}

const forwardRows = QS.map((q) =>
  timeCase(
    `sparseoutForward q ${q} (mask given)`,
    FORWARD_TARGETS[q],
    (a) => () => sparseoutForward(a.x, a.mask, { rate: RATE, q }, a.out),
  ),
);

let step = 0;
const seededRows = QS.map((q) =>
  timeCase(
    `sparseout q ${q} (mask drawn from a seed)`,
    SEEDED_TARGETS[q],
    (a) => () => sparseout(a.x, { rate: RATE, q, seed: 42, step: step++, maskOut: a.mask }, a.out),
  ),
);

const backwardRows = QS.map((q) =>
  timeCase(
    `sparseoutBackward q ${q}`,
    BACKWARD_TARGETS[q],
    (a) => () => sparseoutBackward(a.dy, a.x, a.mask, { rate: RATE, q }, a.out),
  ),
);

const maskRow = timeCase(
  'bernoulliMask (Philox4x32-10)',
  undefined,
  (a) => () => bernoulliMask(a.x.length, RATE, { seed: 42, step: step++ }, a.mask),
);

/** Plain-JS inverted Dropout with an inline xorshift32 generator: what a hand-written loop costs. */
const dropoutRow = timeCase('plain-JS Dropout loop (xorshift32)', undefined, (a) => {
  let state = 2463534242;
  return () => {
    const { x, out } = a;
    const threshold = RATE * 2 ** 32;
    const scale = 1 / (1 - RATE);
    let s = state;
    for (let i = 0; i < x.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[i] = s >>> 0 >= threshold ? x[i] * scale : 0;
    }
    state = s;
  };
});

/** A heap-growth row; `target` null makes it a context row. */
function memoryCase(name: string, call: (a: Arrays) => () => unknown, target: number | null = 8): BenchCase {
  return {
    kind: 'measure',
    name: `${name}: heap growth per call, ${MEMORY_LENGTH} f32, out given`,
    unit: 'bytes/call',
    target: target ?? undefined,
    measure() {
      const x = activations(MEMORY_LENGTH);
      const a: Arrays = {
        x,
        dy: activations(MEMORY_LENGTH, 7),
        out: new Float32Array(MEMORY_LENGTH),
        copy: new Float32Array(MEMORY_LENGTH),
        mask: bernoulliMask(MEMORY_LENGTH, RATE, { seed: 1 }),
      };
      return heapBytesPerCall(call(a));
    },
  };
}

const memoryRows: BenchCase[] = [
  // The params and options objects are made once (a step advanced in place): only what core
  // allocates is counted, not the caller's object literal and its boxed numbers.
  memoryCase('sparseoutForward q 1.5', (a) => {
    const params = { rate: RATE, q: 1.5 };
    return () => sparseoutForward(a.x, a.mask, params, a.out);
  }),
  memoryCase('sparseoutBackward q 1.5', (a) => {
    const params = { rate: RATE, q: 1.5 };
    return () => sparseoutBackward(a.dy, a.x, a.mask, params, a.out);
  }),
  memoryCase('sparseoutInto q 1.5 (maskOut given)', (a) => {
    const options = { rate: RATE, q: 1.5, seed: 42, step: 0, maskOut: a.mask };
    return () => {
      options.step++;
      sparseoutInto(a.x, options, a.out);
    };
  }),
  // Context: sparseout's one allocation is its `{ y, mask }` result object.
  memoryCase(
    'sparseout q 1.5 (maskOut given; returns a result object)',
    (a) => {
      const options = { rate: RATE, q: 1.5, seed: 42, step: 0, maskOut: a.mask };
      return () => {
        options.step++;
        return sparseout(a.x, options, a.out);
      };
    },
    null,
  ),
  memoryCase('bernoulliMask', (a) => {
    const options = { seed: 42, step: 0 };
    return () => {
      options.step++;
      return bernoulliMask(a.x.length, RATE, options, a.mask);
    };
  }),
];

/** What bounds the two rows that miss their targets, read off other rows of the same run. */
const notes = [
  '**Why two targets are out of reach here (issue 8).** The seeded general-q row (target 4x) does',
  'all the work of the `bernoulliMask` row (S4.2 fixes one Philox4x32-10 word, ten rounds of two',
  '32x32->64-bit multiplies, per element; in 128-bit WebAssembly SIMD that alone costs over 3x the',
  'copy) plus all the work of the forward q 1.5 row (reading x, writing y, and a general power with',
  'a log2 and an exp2 polynomial per element). The backward q 1.5 row (target 3x) does the work of',
  'the backward q 2 row (reading dy and the mask, writing dx: no power at all) plus the same general',
  'power, whose cost is the difference between the forward q 1.5 and q 2 rows. Either sum exceeds',
  'its target before any overhead. The kernels run in WebAssembly SIMD (no native add-ons: the',
  'packages run in browsers); 128 bits is the widest vector that gives, and Node 20 (V8 11.3) has no',
  'relaxed-SIMD fused multiply-add by default.',
].join('\n');

const suite: BenchSuite = {
  name: 'core',
  cases: [...forwardRows, ...seededRows, ...backwardRows, maskRow, dropoutRow, ...memoryRows],
  notes,
};

export default suite;
