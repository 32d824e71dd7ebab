/**
 * How golden vectors store numbers: each float64 value as the string JavaScript prints for it
 * (`String(v)`, the shortest decimal that round-trips to the same bits), with '-0', 'NaN',
 * 'Infinity' and '-Infinity' spelled out, so NaN, the infinities, -0 and every float64 value
 * survive JSON losslessly. `Number(s)` decodes every one of them.
 */
export function encodeNumber(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** The inverse of encodeNumber, bit for bit. */
export function decodeNumber(s: string): number {
  return Number(s);
}

/** Masks are stored as a string of '0' and '1', one character per element. */
export function encodeMask(mask: Uint8Array): string {
  let s = '';
  for (let i = 0; i < mask.length; i++) s += mask[i] ? '1' : '0';
  return s;
}

export function decodeMask(s: string): Uint8Array {
  const mask = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) mask[i] = s.charCodeAt(i) === 49 ? 1 : 0;
  return mask;
}
