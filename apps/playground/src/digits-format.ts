/** Pixels of an mnist image (28 x 28). */
export const PIXELS = 784;
export const SIDE = 28;
export const CLASSES = 10;

/** Images (count x 784, pixels in [0, 1]) and their labels (0-9). */
export interface DigitSet {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * The page's digit files: a little-endian uint32 count, then count x 784 pixels as bytes
 * (round(255 v), the mnist package's values are multiples of 1/255 to within float rounding),
 * then count label bytes. Written at build time, read by the page.
 */
export function encodeDigits(set: DigitSet): Uint8Array {
  const bytes = new Uint8Array(4 + set.count * (PIXELS + 1));
  new DataView(bytes.buffer).setUint32(0, set.count, true);
  for (let i = 0; i < set.count * PIXELS; i++) bytes[4 + i] = Math.round(set.images[i] * 255);
  for (let i = 0; i < set.count; i++) bytes[4 + set.count * PIXELS + i] = set.labels[i];
  return bytes;
}

/** Reads `encodeDigits`'s format back (pixels as v / 255). */
export function decodeDigits(bytes: Uint8Array): DigitSet {
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (bytes.length !== 4 + count * (PIXELS + 1))
    throw new Error(`a digit file of ${count} digits has ${bytes.length} bytes`);
  const images = new Float32Array(count * PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = bytes[4 + i] / 255;
  const labels = Int32Array.from(bytes.subarray(4 + count * PIXELS));
  return { images, labels, count };
}

/** Files the build writes next to index.html. */
export const ASSETS = {
  trainDigits: 'data/train-digits.bin',
  testDigits: 'data/test-digits.bin',
  classifier: 'data/classifier-dropout.onnx',
  tfjsWasm: 'wasm/tfjs/',
  ortWasm: 'wasm/ort/',
} as const;
