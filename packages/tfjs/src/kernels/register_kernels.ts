import { getKernel, type KernelConfig, registerKernel } from '@tensorflow/tfjs-core';
import { sparseoutConfig as sparseoutCpuConfig } from './cpu/Sparseout.js';
import { sparseoutGradConfig as sparseoutGradCpuConfig } from './cpu/SparseoutGrad.js';
import { sparseoutConfig as sparseoutWasmConfig } from './wasm/Sparseout.js';
import { sparseoutGradConfig as sparseoutGradWasmConfig } from './wasm/SparseoutGrad.js';

/** Every fused kernel this package provides: one file per kernel per backend. */
export const kernelConfigs: KernelConfig[] = [
  sparseoutCpuConfig,
  sparseoutGradCpuConfig,
  sparseoutWasmConfig,
  sparseoutGradWasmConfig,
];

/** Registers the kernels with tfjs, skipping any already registered (a second bundle copy). */
export function registerSparseoutKernels(): void {
  for (const config of kernelConfigs) {
    if (!getKernel(config.kernelName, config.backendName)) registerKernel(config);
  }
}
