/**
 * Importing this module registers the package with tfjs (a side effect, declared in package.json
 * `sideEffects`): the fused kernels for cpu, wasm, webgl and webgpu, the gradient of `Sparseout`
 * and the gradient of `SparseoutGrad` (for gradients of gradients).
 */
import { registerSparseoutGradient } from './gradients/Sparseout_grad.js';
import { registerSparseoutGradGradient } from './gradients/SparseoutGrad_grad.js';
import { registerSparseoutKernels } from './kernels/register_kernels.js';

registerSparseoutKernels();
registerSparseoutGradient();
registerSparseoutGradGradient();
