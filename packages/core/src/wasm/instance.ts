import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

/**
 * The exports of kernels.template.wat, with typed views over its memory (layout, modes and the
 * constants both sides use: abi.ts).
 */
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
  /** Runs `mode` (abi.ts `Mode`) over `groups` groups of four; its scalars are read from PARAMS_OFFSET. */
  apply(x: number, v: number, m: number, out: number, groups: number, mode: number): void;
  f64: Float64Array;
  f32: Float32Array;
  u8: Uint8Array;
}

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
      f64: new Float64Array(exports.memory.buffer),
      f32: new Float32Array(exports.memory.buffer),
      u8: new Uint8Array(exports.memory.buffer),
    };
  } catch {
    loaded = null;
  }
  return loaded;
}
