import type { DType, TensorData } from './adapter.js';

/** A tensor of `dtype` holding `values` (rounded to float32 for 'float32'). */
export function tensor(values: ArrayLike<number>, shape: number[], dtype: DType): TensorData {
  const data = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  return { data, shape: [...shape] };
}

/** A tensor of `n` copies of `value`. */
export function constant(value: number, shape: number[], dtype: DType): TensorData {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  data.fill(value);
  return { data, shape: [...shape] };
}

/** A deep copy, so a check can tell whether an adapter wrote to its input. */
export function copyTensor(t: TensorData): TensorData {
  return { data: t.data.slice(), shape: [...t.shape] };
}

/** Same type, shape and bits (NaN equal to NaN, -0 distinct from +0). */
export function sameTensor(a: TensorData, b: TensorData): boolean {
  if (a.data.constructor !== b.data.constructor || a.data.length !== b.data.length) return false;
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) return false;
  for (let i = 0; i < a.data.length; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

/** Where two tensors differ (first index), or undefined, for failure messages. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number | undefined {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return undefined;
}

/** The element type of a tensor's data. */
export function dtypeOf(t: TensorData): DType | 'other' {
  if (t.data instanceof Float32Array) return 'float32';
  if (t.data instanceof Float64Array) return 'float64';
  return 'other';
}

/** Describes a tensor for a report: type, shape. */
export function describeTensor(t: unknown): string {
  if (t === null || typeof t !== 'object') return String(t);
  const { data, shape } = t as { data?: { length?: number }; shape?: unknown };
  const type = data?.constructor?.name ?? typeof data;
  return `${type}(${data?.length ?? '?'}) shape ${describeShape(shape)}`;
}

/** A shape for a report; anything but an array of numbers names its type (it fails the contract). */
function describeShape(shape: unknown): string {
  if (Array.isArray(shape) && shape.every((d) => typeof d === 'number')) return `[${shape.join(', ')}]`;
  const item = (d: unknown) => (typeof d === 'string' ? JSON.stringify(d) : String(d));
  let text = String(shape);
  if (Array.isArray(shape)) text = `[${shape.map(item).join(', ')}]`;
  else if (ArrayBuffer.isView(shape)) {
    text = `${shape.constructor.name} [${Array.from(shape as unknown as ArrayLike<unknown>, item).join(', ')}]`;
  }
  return `${text} (an array of numbers is required)`;
}

/** Formats a number for a report, keeping NaN, -0 and Infinity visible. */
export function fmt(v: number): string {
  if (Object.is(v, -0)) return '-0';
  if (!Number.isFinite(v) || v === 0) return String(v);
  const abs = Math.abs(v);
  return abs >= 1e-3 && abs < 1e6 ? String(Number(v.toPrecision(9))) : v.toExponential(6);
}

/** A mask alternating keep/drop with a period, one byte per element. */
export function patternMask(n: number, period = 3): Uint8Array {
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = i % period === 0 ? 0 : 1;
  return mask;
}
