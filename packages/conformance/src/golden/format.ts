/** One golden case as stored in vectors/<dtype>.json (numbers encoded by ./encoding.ts). */
export interface GoldenCaseJson {
  name: string;
  rate: number;
  q: number;
  shape: number[];
  /** The input, already representable in the file's dtype. */
  x: string[];
  /** The keep-mask, '1' = kept. */
  mask: string;
  /** The upstream gradient for the backward cases. */
  dy: string[];
  /** S2.3 by core's float64 path. */
  y: string[];
  /** S3.1 by core's float64 path. */
  dxReference: string[];
  /** S3.2 by core's float64 path. */
  dxExact: string[];
}

/** A vectors file. */
export interface GoldenFileJson {
  description: string;
  generator: string;
  encoding: string;
  dtype: 'float32' | 'float64';
  epsilon: string;
  cases: GoldenCaseJson[];
}
