/**
 * Philox4x32-10 (S4.2) in WGSL, the one shader-side copy for the webgpu kernels. WGSL has no
 * 32x32 -> 64 multiply, so the high word is built from four 16x16 -> 32 products; u32
 * multiplication wraps mod 2^32, which gives the low word directly. Tested against S4.3's known
 * answers and against core's masks (browser.test.ts).
 */
export const PHILOX_WGSL = `
// (high, low) words of the 64-bit product a * b.
fn sparseoutMulHiLo(a : u32, b : u32) -> vec2<u32> {
  let a0 = a & 0xFFFFu;
  let a1 = a >> 16u;
  let b0 = b & 0xFFFFu;
  let b1 = b >> 16u;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let mid = ((a0 * b0) >> 16u) + (p01 & 0xFFFFu) + (p10 & 0xFFFFu);
  return vec2<u32>(a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u), a * b);
}

// Philox4x32-10 of counter c and key k.
fn philox4x32(counter : vec4<u32>, key : vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var i = 0; i < 10; i++) {
    let r0 = sparseoutMulHiLo(0xD2511F53u, c.x);
    let r1 = sparseoutMulHiLo(0xCD9E8D57u, c.z);
    c = vec4<u32>(r1.x ^ c.y ^ k.x, r1.y, r0.x ^ c.w ^ k.y, r0.y);
    k = k + vec2<u32>(0x9E3779B9u, 0xBB67AE85u);
  }
  return c;
}
`;
