import { getKernel, type KernelConfig, registerKernel, type TensorInfo } from '@tensorflow/tfjs-core';

/**
 * tfjs-backend-wasm 4.22.0 has no Conv2DBackpropFilter kernel, so a conv2d cannot be trained on
 * wasm. A 2-D convolution is a 3-D one of depth 1 over the same memory, and wasm does have
 * Conv3DBackpropFilterV2: this kernel reinterprets the NHWC buffers as NDHWC with D = 1 (no copy).
 * Stride 1 only (what the experiments' CNN uses): for larger strides that wasm kernel is wrong.
 */
export const wasmConv2dFilterGrad: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, filterShape, dataFormat, dimRoundingMode } = attrs as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number | unknown;
      filterShape: [number, number, number, number];
      dataFormat?: string;
      dimRoundingMode?: string;
    };
    if (
      (dataFormat ?? 'NHWC') !== 'NHWC' ||
      dimRoundingMode !== undefined ||
      (pad !== 'same' && pad !== 'valid')
    ) {
      throw new Error('wasm Conv2DBackpropFilter shim supports NHWC with pad "same" or "valid" only');
    }
    const [strideHeight, strideWidth] = typeof strides === 'number' ? [strides, strides] : strides;
    if (strideHeight !== 1 || strideWidth !== 1) {
      // wasm's Conv3DBackpropFilterV2 disagrees with the cpu backend for strides > 1 (measured in the
      // test), so only stride 1 is routed through it.
      throw new Error('wasm Conv2DBackpropFilter shim supports stride 1 only');
    }
    const [batch, height, width, channels] = x.shape;
    const [, outHeight, outWidth, outChannels] = dy.shape;
    const conv3dFilterGrad = getKernel('Conv3DBackpropFilterV2', 'wasm');
    if (!conv3dFilterGrad) throw new Error('wasm backend lacks Conv3DBackpropFilterV2');
    const dw = conv3dFilterGrad.kernelFunc({
      inputs: {
        x: { ...x, shape: [batch, 1, height, width, channels] },
        dy: { ...dy, shape: [batch, 1, outHeight, outWidth, outChannels] },
      },
      backend,
      attrs: { strides: [1, strideHeight, strideWidth], pad, filterShape: [1, ...filterShape] },
    }) as TensorInfo;
    return { dataId: dw.dataId, shape: [...filterShape], dtype: dw.dtype };
  },
};

let registered = false;

/** Registers the shim once (idempotent). */
export function registerWasmConv2dFilterGrad(): void {
  if (registered || getKernel('Conv2DBackpropFilter', 'wasm')) return;
  registerKernel(wasmConv2dFilterGrad);
  registered = true;
}
