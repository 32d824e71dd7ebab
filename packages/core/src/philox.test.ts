import { describe, expect, it } from 'vitest';
import { philox4x32 } from './philox.js';

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, '0')).join(' ');

describe('S4.3 Philox4x32-10 known answers (Random123 kat_vectors)', () => {
  it('S4.3 zero counter, zero key', () => {
    expect(hex(philox4x32([0, 0, 0, 0], [0, 0]))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
  });

  it('S4.3 all-ones counter and key', () => {
    const ones = 0xffffffff;
    expect(hex(philox4x32([ones, ones, ones, ones], [ones, ones]))).toBe(
      '408f276d 41c83b0e a20bc7c6 6d5451fd',
    );
  });

  it('S4.3 pi digits counter and key', () => {
    const counter = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];
    const key = [0xa4093822, 0x299f31d0];
    expect(hex(philox4x32(counter, key))).toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });

  it('S4.2 every counter word and key word changes the output', () => {
    const base = hex(philox4x32([1, 2, 3, 4], [5, 6]));
    for (let i = 0; i < 4; i++) {
      const counter = [1, 2, 3, 4];
      counter[i] ^= 1;
      expect(hex(philox4x32(counter, [5, 6]))).not.toBe(base);
    }
    expect(hex(philox4x32([1, 2, 3, 4], [4, 6]))).not.toBe(base);
    expect(hex(philox4x32([1, 2, 3, 4], [5, 7]))).not.toBe(base);
  });
});
