/**
 * Philox4x32-10 (S4.2) in GLSL ES 3.00, the one shader-side copy for the webgl kernels. GLSL ES
 * 3.00 has no 32x32 -> 64 multiply (umulExtended is ES 3.10), so the high word is built from four
 * 16x16 -> 32 products; uint arithmetic wraps mod 2^32, which gives the low word directly.
 * Uniform words arrive as pairs of 16-bit halves in ints (`sparseoutWord`): a uniform int holds
 * any 32-bit pattern, but converting a negative int to uint is not portable, and the halves are.
 * Tested against S4.3's known answers and against core's masks (browser.test.ts).
 */
export const PHILOX_GLSL = `
uint sparseoutWord(ivec2 halves) {
  return uint(halves.x) | (uint(halves.y) << 16u);
}

// (high, low) words of the 64-bit product a * b.
uvec2 sparseoutMulHiLo(uint a, uint b) {
  uint a0 = a & 0xFFFFu;
  uint a1 = a >> 16u;
  uint b0 = b & 0xFFFFu;
  uint b1 = b >> 16u;
  uint p01 = a0 * b1;
  uint p10 = a1 * b0;
  uint mid = ((a0 * b0) >> 16u) + (p01 & 0xFFFFu) + (p10 & 0xFFFFu);
  return uvec2(a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u), a * b);
}

// Philox4x32-10 of counter c and key k.
uvec4 philox4x32(uvec4 c, uvec2 k) {
  for (int i = 0; i < 10; i++) {
    uvec2 r0 = sparseoutMulHiLo(0xD2511F53u, c.x);
    uvec2 r1 = sparseoutMulHiLo(0xCD9E8D57u, c.z);
    c = uvec4(r1.x ^ c.y ^ k.x, r1.y, r0.x ^ c.w ^ k.y, r0.y);
    k += uvec2(0x9E3779B9u, 0xBB67AE85u);
  }
  return c;
}
`;
