import wabtFactory from 'wabt';

/** WAT text to wasm bytes (SIMD enabled), as the generator and the sync test both need. */
export async function compileKernelsWat(text) {
  const wabt = await wabtFactory();
  const module = wabt.parseWat('kernels.wat', text, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ log: false }).buffer);
  } finally {
    module.destroy();
  }
}
