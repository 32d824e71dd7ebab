/**
 * @sparseout/conformance: the shared conformance suite. `runConformance(adapter)` holds any
 * Sparseout adapter to the numbered spec (S1 to S7) and returns one result per check.
 */
export type {
  AdapterSupports,
  BackwardRequest,
  BackwardResult,
  ConformanceEnvironment,
  DType,
  ForwardRequest,
  ForwardResult,
  SeedValue,
  SparseoutAdapter,
  TensorData,
} from './adapter.js';
export { type Check, type CheckContext, CheckFailure, type Evidence } from './check.js';
export { allChecks } from './clauses/index.js';
export { decodeMask, decodeNumber, encodeMask, encodeNumber } from './golden/encoding.js';
export { type GoldenCase, goldenCases } from './golden/vectors.js';
export { formatJson } from './reporters/json.js';
export { formatJunit } from './reporters/junit.js';
export { formatTable } from './reporters/table.js';
export type {
  BackendResult,
  CheckResult,
  CheckStatus,
  ConformanceResult,
  ConformanceSummary,
  ProgressEvent,
} from './result.js';
export { summarize } from './result.js';
export { type RunOptions, runConformance } from './run.js';
export { FALSE_FAILURE_RATE, hoeffdingBound, SAMPLE_SIZE } from './sampling.js';
export { agrees, FLOAT32_ABSOLUTE, FLOAT32_RELATIVE, FLOAT64_RELATIVE } from './tolerance.js';
export { validateAdapter } from './validate.js';
