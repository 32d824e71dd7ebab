/** The error codes of S1.4: every invalid argument maps to exactly one of them. */
export type SparseoutErrorCode =
  | 'SPARSEOUT_INVALID_RATE'
  | 'SPARSEOUT_INVALID_Q'
  | 'SPARSEOUT_INVALID_EPSILON'
  | 'SPARSEOUT_SHAPE_MISMATCH'
  | 'SPARSEOUT_INVALID_SEED'
  | 'SPARSEOUT_INVALID_INPUT';

/**
 * The only error Sparseout packages throw for bad arguments (S1.4). The message names the
 * parameter and the value received; `code` lets callers branch without parsing the message.
 * It is thrown before any output is written, so inputs and `out` buffers are untouched.
 */
export class SparseoutError extends Error {
  readonly code: SparseoutErrorCode;

  constructor(code: SparseoutErrorCode, message: string) {
    super(message);
    this.name = 'SparseoutError';
    this.code = code;
  }
}

/** Formats a received value for an error message: numbers as JS prints them, others typed. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) {
    const length = 'length' in value ? (value as { length: number }).length : value.byteLength;
    // An array made in another realm fails `instanceof Float32Array` here while its name reads
    // the same (a vm context, an iframe, Node's own Buffers under Jest): say so.
    const foreign =
      value instanceof Object
        ? ''
        : ' of another realm (a vm context or iframe): copy it into an array of this realm';
    return `${value.constructor.name}(${length})${foreign}`;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}
