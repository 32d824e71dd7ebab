/**
 * @sparseout/tfjs: Sparseout (Khan & Stavness, 2019) for TensorFlow.js. Importing it registers the
 * `Sparseout` and `SparseoutGrad` kernels (cpu, wasm, webgl, webgpu), the gradient of `Sparseout` and the layer
 * class `Sparseout`.
 */
import './register.js';

export { Sparseout, type SparseoutAttrs, SparseoutGrad } from './kernel_names.js';
export { kernelConfigs } from './kernels/register_kernels.js';
export { SparseoutLayer, type SparseoutLayerArgs, sparseoutLayer } from './layer.js';
export {
  type McInclude,
  type McPrediction,
  type McPredictOptions,
  mcPredict,
} from './mc_predict.js';
export { hoyerSparsity } from './metrics.js';
export type { NoiseShape } from './noise_shape.js';
export { type SparseoutMaskOptions, type SparseoutOpOptions, sparseout, sparseoutWithMask } from './op.js';
export { hasFusedKernel } from './run.js';
export {
  type SparsityMeasurement,
  SparsityMonitor,
  type SparsityMonitorOptions,
  sparsityLogNames,
  sparsityMonitor,
} from './sparsity_monitor.js';
