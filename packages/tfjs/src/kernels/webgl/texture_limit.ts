import { env } from '@tensorflow/tfjs-core';

/**
 * The largest finite value the webgl backend's textures hold: 65504 when it stores float16
 * (`WEBGL_FORCE_F16_TEXTURES`, or a device that cannot render float32), else undefined (float32
 * textures hold every float32 result). The kernels clamp finite results to it (S2.6, S3.4).
 */
export function float16Limit(): number | undefined {
  const f16 = env().getBool('WEBGL_FORCE_F16_TEXTURES') || !env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  return f16 ? 65504 : undefined;
}

/**
 * Whether the kernels use packed programs for a tensor of `shape`: when tfjs packs its own
 * elementwise ops (`WEBGL_PACK_BINARY_OPERATIONS`, on by default) and the rank is at least 2, so
 * that between tfjs's packed ops no texture is unpacked and packed again. Not at rank 1: a 1-D x
 * usually arrives unpacked, and packing it cost more than the packed passes saved (measured with
 * the tfjs-browser bench, 2^20 elements: 0.81x of tf.dropout packed against 0.62x unpacked).
 */
export function usePacked(shape: ReadonlyArray<number>): boolean {
  return shape.length >= 2 && env().getBool('WEBGL_PACK_BINARY_OPERATIONS');
}
