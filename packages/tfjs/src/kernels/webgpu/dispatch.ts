/**
 * The flat dispatch of an elementwise WebGPU program, as tfjs-backend-webgpu's own
 * `flatDispatchLayout` and `computeDispatch` compute it (re-stated here so that the kernels need
 * nothing of that package at run time; the backend splits a dispatch too large for one dimension).
 */
export const WORKGROUP_SIZE: [number, number, number] = [64, 1, 1];

export function flatDispatch(shape: ReadonlyArray<number>): {
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
} {
  const size = shape.reduce((p, s) => p * s, 1);
  return {
    dispatchLayout: { x: shape.map((_, i) => i) },
    dispatch: [Math.ceil(size / WORKGROUP_SIZE[0]), 1, 1],
  };
}
