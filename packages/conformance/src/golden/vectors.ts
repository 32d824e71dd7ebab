import { vectorFiles } from '../vector-files.js';
import { decodeMask, decodeNumber } from './encoding.js';
import type { GoldenFileJson } from './format.js';

/** One decoded golden case. */
export interface GoldenCase {
  name: string;
  rate: number;
  q: number;
  shape: number[];
  x: number[];
  mask: Uint8Array;
  dy: number[];
  y: number[];
  dxReference: number[];
  dxExact: number[];
}

function decode(file: GoldenFileJson): GoldenCase[] {
  const numbers = (values: string[]) => values.map(decodeNumber);
  return file.cases.map((c) => ({
    name: c.name,
    rate: c.rate,
    q: c.q,
    shape: c.shape,
    x: numbers(c.x),
    mask: decodeMask(c.mask),
    dy: numbers(c.dy),
    y: numbers(c.y),
    dxReference: numbers(c.dxReference),
    dxExact: numbers(c.dxExact),
  }));
}

/** The committed golden cases for inputs of `dtype` (vectors/<dtype>.json). */
export function goldenCases(dtype: 'float32' | 'float64'): GoldenCase[] {
  return decode(vectorFiles[dtype] as GoldenFileJson);
}
