import wabtFactory from 'wabt';
import { expandTemplate } from './expand-template.mjs';

/** WAT text to wasm bytes (SIMD enabled). */
export async function compileWat(text) {
  const wabt = await wabtFactory();
  const module = wabt.parseWat('kernels.wat', text, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ log: false }).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * kernels.template.wat with the constants of src/wasm/abi.ts (`abi`) to its WAT text and wasm
 * bytes, as the generator and the sync test in kernels-wasm.test.ts both need.
 */
export async function buildKernels(template, abi) {
  const wat = expandTemplate(template, abi);
  return { wat, bytes: await compileWat(wat) };
}
