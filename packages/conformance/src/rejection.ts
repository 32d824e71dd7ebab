import type { SparseoutErrorCode } from '@sparseout/core';
import type { TensorData } from './adapter.js';
import { ensure } from './check.js';
import { copyTensor, sameTensor } from './tensors.js';

/** Describes a value as it appears in an S1.4 message. */
function valueText(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}

/** What an S1.4 rejection must look like. */
export interface Rejection {
  /** What the call does, for the report: 'forward with rate 1.5'. */
  call: string;
  code: SparseoutErrorCode;
  /** When given, the message must name this parameter and `value`. */
  parameter?: string;
  value?: unknown;
}

/**
 * S1.4: `invoke` must reject with an error whose `code` is `expected.code` (checked by value, not
 * instanceof, since ESM and CJS copies of core coexist), whose message names the parameter and the
 * value, and it must leave `inputs` and `masks` untouched.
 */
export async function ensureRejects(
  invoke: () => Promise<unknown>,
  expected: Rejection,
  inputs: TensorData[],
  masks: Uint8Array[] = [],
): Promise<void> {
  const inputCopies = inputs.map(copyTensor);
  const maskCopies = masks.map((m) => m.slice());
  let error: unknown;
  let resolved = false;
  try {
    await Promise.resolve().then(invoke);
    resolved = true;
  } catch (caught) {
    error = caught;
  }
  const want = `${expected.call}: rejects with code ${expected.code}`;
  ensure(!resolved, want, 'it resolved');
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  ensure(code === expected.code, want, `code ${String(code)} (${message})`);
  if (expected.parameter !== undefined) {
    const value = valueText(expected.value);
    ensure(
      message.includes(expected.parameter) && message.includes(value),
      `${expected.call}: a message naming ${expected.parameter} and ${value}`,
      JSON.stringify(message),
    );
  }
  inputs.forEach((input, i) => {
    ensure(
      sameTensor(input, inputCopies[i]),
      `${expected.call}: inputs left untouched`,
      'an input was modified',
    );
  });
  masks.forEach((mask, i) => {
    ensure(
      mask.every((b, j) => b === maskCopies[i][j]),
      `${expected.call}: the mask left untouched`,
      'the mask was modified',
    );
  });
}
