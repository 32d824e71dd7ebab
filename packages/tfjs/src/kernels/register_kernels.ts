import { getKernel, type KernelConfig, registerKernel } from '@tensorflow/tfjs-core';
import { sparseoutConfig as sparseoutCpuConfig } from './cpu/Sparseout.js';
import { sparseoutGradConfig as sparseoutGradCpuConfig } from './cpu/SparseoutGrad.js';
import { sparseoutConfig as sparseoutWasmConfig } from './wasm/Sparseout.js';
import { sparseoutGradConfig as sparseoutGradWasmConfig } from './wasm/SparseoutGrad.js';
import { sparseoutConfig as sparseoutWebGLConfig } from './webgl/Sparseout.js';
import { sparseoutGradConfig as sparseoutGradWebGLConfig } from './webgl/SparseoutGrad.js';
import { sparseoutConfig as sparseoutWebGPUConfig } from './webgpu/Sparseout.js';
import { sparseoutGradConfig as sparseoutGradWebGPUConfig } from './webgpu/SparseoutGrad.js';

/**
 * Every fused kernel this package provides: one file per kernel per backend. A kernel imports
 * only the types of its backend's package and works on the backend object tfjs passes it, so
 * registering all of them costs nothing when a backend is not installed.
 */
export const kernelConfigs: KernelConfig[] = [
  sparseoutCpuConfig,
  sparseoutGradCpuConfig,
  sparseoutWasmConfig,
  sparseoutGradWasmConfig,
  sparseoutWebGLConfig,
  sparseoutGradWebGLConfig,
  sparseoutWebGPUConfig,
  sparseoutGradWebGPUConfig,
];

/** Registers the kernels with tfjs, skipping any already registered (a second bundle copy). */
export function registerSparseoutKernels(): void {
  for (const config of kernelConfigs) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
}
