/**
 * Importing this module registers the package with tfjs (a side effect, declared in package.json
 * `sideEffects`): the fused kernels for cpu, wasm, webgl and webgpu, and the gradient of `Sparseout`.
 */
import { registerSparseoutGradient } from './gradients/Sparseout_grad.js';
import { registerSparseoutKernels } from './kernels/register_kernels.js';

registerSparseoutKernels();
registerSparseoutGradient();
