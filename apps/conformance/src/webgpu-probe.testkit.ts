/**
 * A test adapter for matrix.test.ts: the core adapter, also declared on a backend named 'webgpu'
 * (core's 'js' kernels under that name), so a browser run must decide whether the page has a
 * WebGPU adapter before it runs that backend.
 */
import coreAdapter from '@sparseout/conformance/core-adapter';

export default {
  ...coreAdapter,
  name: 'webgpu-probe',
  backends: ['js', 'webgpu'],
  setup: (_backend: string) => coreAdapter.setup?.('js'),
  teardown: (_backend: string) => coreAdapter.teardown?.('js'),
};
