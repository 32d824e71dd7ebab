import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

/** The exports of kernels.wat, with typed views over its two-page memory. */
export interface WasmKernels {
  mask(
    ptr: number,
    groups: number,
    blockLo: number,
    blockHi: number,
    s0: number,
    s1: number,
    k0: number,
    k1: number,
    threshold: number,
  ): void;
  /** Runs `mode` over `groups` groups of four; its scalars are read from PARAMS_OFFSET. */
  apply(x: number, v: number, m: number, out: number, groups: number, mode: number): void;
  f32: Float32Array;
  u8: Uint8Array;
}

/** Elements per chunk, and the byte offsets of the regions of the module's memory. */
export const CHUNK = 8192;
export const X_OFFSET = 0;
export const V_OFFSET = 32768;
export const Y_OFFSET = 65536;
export const MASK_OFFSET = 98304;
/**
 * `apply`'s scalars (kernels.wat): float64 keptBase, dropBase at +0, +8; float32 keptNoise,
 * dropNoise, eps, pHi, pLo, pLog2e at +16 .. +36. Past the mask region and its 16-byte overrun.
 */
export const PARAMS_OFFSET = 106560;

/** The part of the WebAssembly API used here (the package compiles without the DOM library). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

interface KernelExports {
  mask: WasmKernels['mask'];
  apply: WasmKernels['apply'];
  memory: { buffer: ArrayBuffer };
}

let loaded: WasmKernels | null | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The instantiated kernels, or null where WebAssembly SIMD is unavailable (the module does not
 * validate) or instantiation fails. Compiled synchronously once (the module is under 4 KiB, which
 * browsers allow on the main thread).
 */
export function wasmKernels(): WasmKernels | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  try {
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (wasm === undefined) return null;
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    if (!wasm.validate(bytes)) return null;
    const instance = new wasm.Instance(new wasm.Module(bytes), {});
    const exports = instance.exports as unknown as KernelExports;
    loaded = {
      mask: exports.mask,
      apply: exports.apply,
      f32: new Float32Array(exports.memory.buffer),
      u8: new Uint8Array(exports.memory.buffer),
    };
  } catch {
    loaded = null;
  }
  return loaded;
}
