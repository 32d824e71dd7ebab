/** IEEE 754 half-precision bits (as ORT-web stores float16 tensors) to a JS number. */
export function halfBitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Element values of a float tensor's data: float16 bits are decoded, float32/64 pass through. */
export function floatValues(type: string, data: unknown): ArrayLike<number> {
  if (type === 'float16' && data instanceof Uint16Array) return Float64Array.from(data, halfBitsToNumber);
  return data as ArrayLike<number>;
}
