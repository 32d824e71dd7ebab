/**
 * @sparseout/onnxruntime-web: Sparseout (Khan & Stavness, 2019) for ONNX Runtime Web, as the
 * model-local functions `ai.sparseout::Sparseout` and `SparseoutGrad`, graph tools over `.onnx`
 * bytes, and Monte Carlo prediction on the wasm execution provider.
 */
export { decodeModel, encodeModel } from './codec.js';
export { halfBitsToNumber } from './float16.js';
export {
  MASKED_OVERLOAD,
  MAX_MODEL_OPSET,
  MIN_MODEL_OPSET,
  MIN_SPARSEOUT_GRAD_OPSET,
  MIN_SPARSEOUT_OPSET,
  SPARSEOUT_DOMAIN,
  SPARSEOUT_OPSET_VERSION,
  sparseoutFunction,
  sparseoutGradFunction,
  sparseoutMaskedFunction,
} from './functions.js';
export { type InsertSparseoutOptions, insertSparseout } from './insert-sparseout.js';
export { type McOutput, type McPredictOptions, mcPredict } from './mc-predict.js';
export * as onnx from './onnx-builders.js';
export type {
  OnnxAttribute,
  OnnxFunction,
  OnnxGraph,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxValueInfo,
} from './onnx-types.js';
export { AttributeType, DataType } from './onnx-types.js';
export {
  type FloatType,
  type SparseoutGradOpModelOptions,
  type SparseoutOpModelOptions,
  sparseoutGradOpModel,
  sparseoutOpModel,
} from './op-models.js';
export { type ReplaceDropoutOptions, replaceDropout } from './replace-dropout.js';
export { seedSparseoutNodes } from './seeded-model.js';
export {
  configureWasm,
  createSparseoutSession,
  type SparseoutSessionOptions,
  type WasmOptions,
} from './session.js';
export { MAX_ONNX_SEED, type SparseoutNodeOptions } from './sparseout-attributes.js';
export { setSparseoutTraining, TRAINING_MODE_FLAG } from './training-flag.js';
