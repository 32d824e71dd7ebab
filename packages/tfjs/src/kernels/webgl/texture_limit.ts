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
