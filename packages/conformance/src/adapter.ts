/**
 * The adapter contract: what a framework package implements so that the shared conformance suite
 * can hold it to the specification (docs/spec.md). Everything crosses the contract as typed arrays
 * with a shape, so the suite never depends on a framework.
 */

/** Element types the suite exercises (S2.8). */
export type DType = 'float32' | 'float64';

/** A dense tensor: row-major data and its shape (the product of `shape` is `data.length`). */
export interface TensorData {
  data: Float32Array | Float64Array;
  shape: number[];
}

/** An integer in [0, 2^64) (S4.2). */
export type SeedValue = number | bigint;

/**
 * Which optional clauses apply. A capability an adapter lacks makes the checks that need it
 * "not applicable" (never "passed"), with the reason printed.
 */
export interface AdapterSupports {
  /** forward/backward accept an explicit keep-mask (`mask`); needed for the S2/S3 value checks. */
  explicitMask: boolean;
  /** Seeded masks are bit-identical to @sparseout/core's Philox path (S4.2, S4.4). */
  seededMask: boolean;
  /** Backward modes offered (S3.1, S3.2). */
  gradient: { reference: boolean; exact: boolean };
  /** `noiseShape` broadcasting of the mask (S4.1). */
  noiseShape: boolean;
  /** float64 inputs keep float64 outputs (S2.8); false when the framework is float32-only. */
  float64: boolean;
  /** `training: false` gives the identity (S2.4). */
  inference: boolean;
}

/** One forward call (S2). */
export interface ForwardRequest {
  x: TensorData;
  /** S1.1 */
  rate: number;
  /** S1.2 */
  q: number;
  /** S1.3; the adapter's default (1e-12) when absent. */
  epsilon?: number;
  /** false: inference (S2.4). Default true. */
  training?: boolean;
  /** Explicit keep-mask, one byte per element of `x` (1 = keep). Only sent when `supports.explicitMask`. */
  mask?: Uint8Array;
  /** S4.2 seed. Sent only when `supports.seededMask`; otherwise the adapter draws its own randomness. */
  seed?: SeedValue;
  /** S4.2 step. Sent with `seed`. */
  step?: SeedValue;
  /** S4.1 noise shape (same rank as x, each dim 1 or x's dim). Sent only when `supports.noiseShape`. */
  noiseShape?: number[];
}

/** What a forward call returns. */
export interface ForwardResult {
  /** The output: x's shape, and x's element type when `supports.float64`. */
  y: TensorData;
  /** The full-size keep-mask used (one byte per element of x), when the framework can report it. */
  mask?: Uint8Array;
}

/** One backward call (S3): the same x and mask as a forward call, plus the upstream gradient. */
export interface BackwardRequest {
  dy: TensorData;
  x: TensorData;
  /** The keep-mask of the forward pass, one byte per element (1 = keep). */
  mask: Uint8Array;
  rate: number;
  q: number;
  epsilon?: number;
  /** S3.1 'reference' (default) or S3.2 'exact'. */
  gradient?: 'reference' | 'exact';
  /** false: inference, dx = dy (S3.3). Default true. */
  training?: boolean;
}

/** What a backward call returns. */
export interface BackwardResult {
  dx: TensorData;
}

/**
 * Where a run happens, passed as the second argument of `setup`. In a browser run the conformance
 * app serves every file of every package resolvable from the adapter's package at
 * `${assetBase}<package-name>/<path inside the package>`, so an adapter whose framework loads .wasm
 * files points it there in `setup`, for example
 * `setWasmPaths(\`${env.assetBase}@tensorflow/tfjs-backend-wasm/dist/\`)`.
 */
export interface ConformanceEnvironment {
  /** 'node', or the browser's name ('chromium'). */
  name: string;
  /** Browser runs only: URL prefix under which package files are served (ends with '/'). */
  assetBase?: string;
}

/**
 * A Sparseout implementation under test. `setup(backend)` is awaited before the checks of a
 * backend run and `teardown(backend)` after them; every other call runs on the backend last set up.
 * Invalid parameters must reject with an error whose `code` is one of S1.4's codes.
 */
export interface SparseoutAdapter {
  /** Shown in reports, for example '@sparseout/tfjs'. */
  name: string;
  /** Backends this adapter can run on, for example ['cpu', 'wasm']. At least one. */
  backends: string[];
  supports: AdapterSupports;
  /** Awaited before a backend's checks; `environment` says where the run happens (optional to use). */
  setup?(backend: string, environment?: ConformanceEnvironment): Promise<void> | void;
  teardown?(backend: string): Promise<void> | void;
  forward(request: ForwardRequest): Promise<ForwardResult>;
  /** Required when `supports.gradient.reference` or `.exact` is true. */
  backward?(request: BackwardRequest): Promise<BackwardResult>;
  /**
   * Optional S7.1: the framework's own Hoyer sparsity metric of a tensor, when the package ships
   * one. Without it the S7 checks are not applicable (S7 lives in @sparseout/core).
   */
  hoyerSparsity?(x: TensorData): Promise<number>;
}
