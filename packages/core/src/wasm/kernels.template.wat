;; Sparseout's float32 kernels in WebAssembly SIMD (128-bit), for the 'wasm' backend of
;; @sparseout/core. JavaScript copies a chunk of at most CHUNK elements into this module's memory,
;; calls `mask` and/or `apply`, and copies the result out; see drivers.ts.
;;
;; A template (syntax: scripts/expand-template.mjs): scripts/generate-wasm.mjs inserts the
;; constants of abi.ts (the memory layout, the modes, the unroll counts) where a name stands in
;; double braces, writes each unrolled loop body once per lane L = 0, 1, ... (locals suffixed by
;; lane, memory offsets by 16L), then compiles the result into kernels-wasm.ts. Run
;; `pnpm --filter @sparseout/core generate:wasm` after editing this file.
;;
;; Memory (PAGES pages of 64 KiB): float32 x at X_OFFSET, v at V_OFFSET, y at Y_OFFSET, mask bytes
;; at MASK_OFFSET (CHUNK elements each), `apply`'s scalars at PARAMS_OFFSET.
(module
  (memory (export "memory") {{PAGES}} {{PAGES}})

  ;; S4.2: Philox4x32-10 keep-mask bytes for `groups` groups of four blocks (16 elements each),
  ;; blocks (blockLo, blockHi) + 0, 1, 2 ... under counter words (s0, s1) and key (k0, k1).
  ;; Element 4b + w is 1 iff word w of block b >= threshold (unsigned), else 0.
  ;; MASK_UNROLL = 2 groups (32 elements) per iteration, their rounds interleaved so that two
  ;; independent multiply chains overlap (four spill registers and run slower); an odd group count
  ;; writes one group (16 bytes) past the end, which the mask region has room for (the driver
  ;; passes at most CHUNK / 16 groups).
  (func (export "mask")
    (param $ptr i32) (param $groups i32) (param $blockLo i32) (param $blockHi i32)
    (param $s0 i32) (param $s1 i32) (param $k0 i32) (param $k1 i32) (param $threshold i32)
    {{#each L < MASK_UNROLL}}
    (local $c0_{{L}} v128) (local $c1_{{L}} v128) (local $c2_{{L}} v128) (local $c3_{{L}} v128) (local $p0_{{L}} v128)
    (local $p1_{{L}} v128) (local $hi0_{{L}} v128) (local $lo0_{{L}} v128) (local $hi1_{{L}} v128) (local $lo1_{{L}} v128)
    {{/each}}
    (local $key0 v128) (local $key1 v128) (local $m0 v128) (local $m1 v128) (local $w0 v128)
    (local $w1 v128) (local $t v128) (local $base v128) (local $lanes v128) (local $sv0 v128)
    (local $sv1 v128) (local $kv0 v128) (local $kv1 v128) (local $zero v128) (local $ones v128)
    {{#each L < MASK_UNROLL}}
    (local $lo{{L}} i32) (local $hi{{L}} i32)
    {{/each}}
    (local $round i32) (local $next i32)
    (local.set $m0 (i32x4.splat (i32.const 0xd2511f53)))
    (local.set $m1 (i32x4.splat (i32.const 0xcd9e8d57)))
    (local.set $w0 (i32x4.splat (i32.const 0x9e3779b9)))
    (local.set $w1 (i32x4.splat (i32.const 0xbb67ae85)))
    (local.set $t (i32x4.splat (local.get $threshold)))
    (local.set $lanes (v128.const i32x4 0 1 2 3))
    (local.set $sv0 (i32x4.splat (local.get $s0)))
    (local.set $sv1 (i32x4.splat (local.get $s1)))
    (local.set $kv0 (i32x4.splat (local.get $k0)))
    (local.set $kv1 (i32x4.splat (local.get $k1)))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (local.set $ones (i8x16.splat (i32.const 1)))
    (block $done
      (loop $group
        (br_if $done (i32.le_s (local.get $groups) (i32.const 0)))
        ;; group L: counter (b + lane, hi + carry, s0, s1), b = blockLo + 4L (carry into hi).
        {{#each L < MASK_UNROLL}}
        (local.set $lo{{L}} (i32.add (local.get $blockLo) (i32.const {{4 * L}})))
        (local.set $hi{{L}} (i32.add (local.get $blockHi) (i32.lt_u (local.get $lo{{L}}) (local.get $blockLo))))
        {{/each}}
        {{#each L < MASK_UNROLL}}
        (local.set $base (i32x4.splat (local.get $lo{{L}})))
        (local.set $c0_{{L}} (i32x4.add (local.get $base) (local.get $lanes)))
        (local.set $c1_{{L}} (i32x4.sub (i32x4.splat (local.get $hi{{L}})) (i32x4.lt_u (local.get $c0_{{L}}) (local.get $base))))
        (local.set $c2_{{L}} (local.get $sv0))
        (local.set $c3_{{L}} (local.get $sv1))
        {{/each}}
        (local.set $key0 (local.get $kv0))
        (local.set $key1 (local.get $kv1))
        (local.set $round (i32.const 10))
        (loop $rounds
          ;; 64-bit products c0 * M0 and c2 * M1: low words by i32x4.mul, high words by extmul.
          {{#interleave L < MASK_UNROLL}}
          (local.set $p0_{{L}} (i64x2.extmul_low_i32x4_u (local.get $c0_{{L}}) (local.get $m0)))
          (local.set $p1_{{L}} (i64x2.extmul_high_i32x4_u (local.get $c0_{{L}}) (local.get $m0)))
          (local.set $hi0_{{L}} (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p0_{{L}}) (local.get $p1_{{L}})))
          (local.set $lo0_{{L}} (i32x4.mul (local.get $c0_{{L}}) (local.get $m0)))
          (local.set $p0_{{L}} (i64x2.extmul_low_i32x4_u (local.get $c2_{{L}}) (local.get $m1)))
          (local.set $p1_{{L}} (i64x2.extmul_high_i32x4_u (local.get $c2_{{L}}) (local.get $m1)))
          (local.set $hi1_{{L}} (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p0_{{L}}) (local.get $p1_{{L}})))
          (local.set $lo1_{{L}} (i32x4.mul (local.get $c2_{{L}}) (local.get $m1)))
          (local.set $c0_{{L}} (v128.xor (v128.xor (local.get $hi1_{{L}}) (local.get $c1_{{L}})) (local.get $key0)))
          (local.set $c1_{{L}} (local.get $lo1_{{L}}))
          (local.set $c2_{{L}} (v128.xor (v128.xor (local.get $hi0_{{L}}) (local.get $c3_{{L}})) (local.get $key1)))
          (local.set $c3_{{L}} (local.get $lo0_{{L}}))
          {{/interleave}}
          (local.set $key0 (i32x4.add (local.get $key0) (local.get $w0)))
          (local.set $key1 (i32x4.add (local.get $key1) (local.get $w1)))
          (local.set $round (i32.sub (local.get $round) (i32.const 1)))
          (br_if $rounds (local.get $round)))
        ;; word w of block b is element 4b + w: compare, narrow to bytes, transpose, keep bit 0.
        {{#each L < MASK_UNROLL}}
        (v128.store offset={{16 * L}} (local.get $ptr)
          (v128.and
            (i8x16.shuffle 0 4 8 12 1 5 9 13 2 6 10 14 3 7 11 15
              (i8x16.narrow_i16x8_s
                (i16x8.narrow_i32x4_s (i32x4.ge_u (local.get $c0_{{L}}) (local.get $t))
                                      (i32x4.ge_u (local.get $c1_{{L}}) (local.get $t)))
                (i16x8.narrow_i32x4_s (i32x4.ge_u (local.get $c2_{{L}}) (local.get $t))
                                      (i32x4.ge_u (local.get $c3_{{L}}) (local.get $t))))
              (local.get $zero))
            (local.get $ones)))
        {{/each}}
        (local.set $next (i32.add (local.get $blockLo) (i32.const {{4 * MASK_UNROLL}})))
        (if (i32.lt_u (local.get $next) (local.get $blockLo))
          (then (local.set $blockHi (i32.add (local.get $blockHi) (i32.const 1)))))
        (local.set $blockLo (local.get $next))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const {{16 * MASK_UNROLL}})))
        (local.set $groups (i32.sub (local.get $groups) (i32.const {{MASK_UNROLL}})))
        (br $group))))

  ;; S2.3 / S3.1: out[i] = v[i] * (1 + n_i * g(x[i])), n_i from the mask byte (kept: keptNoise,
  ;; dropped: dropNoise), g = (|x| + eps)^p, for `groups` groups of four elements. The modes (abi.ts):
  ;; Scale: factor = kept ? keptBase : dropBase (q = 2), in float64; ScaleFloat32: the same in
  ;; float32, for factors exact in float32 (a 24-bit x times a 24-bit factor is exact in float64,
  ;; so the float32 product is the float64 one rounded once); InverseSqrt: g = 1 / sqrt(t) (q = 1);
  ;; Sqrt: g = sqrt(t) (q = 3); Reciprocal: g = 1 / t (q = 0); Linear: g = t (q = 4);
  ;; GeneralPower: p = pHi + pLo (pHi with at most 12 significant bits, pLog2e = p * log2(e)):
  ;;    factor = base + n * (g - 1), base = 1 + n, g - 1 = 2^k * expm1(f * ln2) + (2^k - 1).
  ;; ScaleFloat32, InverseSqrt and GeneralPower run in their own functions below ($applyScale,
  ;; $applyInverseSqrt, $applyGeneral); the others in the loop here (Scale is 0: i32.eqz tests it).
  (func (export "apply")
    (param $x i32) (param $v i32) (param $m i32) (param $out i32) (param $groups i32) (param $mode i32)
    (local $keptNoise f32) (local $dropNoise f32) (local $keptBase f64) (local $dropBase f64)
    (local $eps f32) (local $pHi f32) (local $pLo f32) (local $pLog2e f32)
    (local $kept v128) (local $n v128) (local $t v128) (local $g v128) (local $one v128)
    (local $kn v128) (local $dn v128) (local $epsv v128)
    (local $end i32) (local $kb64 v128) (local $db64 v128) (local $vals v128) (local $lo v128)
    (local $hi v128)
    ;; The scalars, written by the driver at PARAMS_OFFSET rather than passed (README, "Allocation").
    (local.set $keptBase (f64.load (i32.const {{PARAMS_OFFSET + Param.keptBase}})))
    (local.set $dropBase (f64.load (i32.const {{PARAMS_OFFSET + Param.dropBase}})))
    (local.set $keptNoise (f32.load (i32.const {{PARAMS_OFFSET + Param.keptNoise}})))
    (local.set $dropNoise (f32.load (i32.const {{PARAMS_OFFSET + Param.dropNoise}})))
    (local.set $eps (f32.load (i32.const {{PARAMS_OFFSET + Param.eps}})))
    (local.set $pHi (f32.load (i32.const {{PARAMS_OFFSET + Param.pHi}})))
    (local.set $pLo (f32.load (i32.const {{PARAMS_OFFSET + Param.pLo}})))
    (local.set $pLog2e (f32.load (i32.const {{PARAMS_OFFSET + Param.pLog2e}})))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $kn (f32x4.splat (local.get $keptNoise)))
    (local.set $dn (f32x4.splat (local.get $dropNoise)))
    (local.set $kb64 (f64x2.splat (local.get $keptBase)))
    (local.set $db64 (f64x2.splat (local.get $dropBase)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $groups) (i32.const 4))))
    (if (i32.eqz (local.get $groups)) (then (return)))
    (if (i32.eq (local.get $mode) (i32.const {{Mode.ScaleFloat32}}))
      (then
        (call $applyScale (local.get $v) (local.get $m) (local.get $out)
          (i32.add (local.get $v) (i32.shl (local.get $groups) (i32.const 4)))
          (f32.demote_f64 (local.get $keptBase)) (f32.demote_f64 (local.get $dropBase)))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const {{Mode.InverseSqrt}}))
      (then
        (call $applyInverseSqrt (local.get $x) (local.get $v) (local.get $m) (local.get $out)
          (local.get $end) (local.get $keptNoise) (local.get $dropNoise) (local.get $eps))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const {{Mode.GeneralPower}}))
      (then
        (call $applyGeneral (local.get $x) (local.get $v) (local.get $m) (local.get $out) (local.get $end)
          (local.get $keptNoise) (local.get $dropNoise) (f32.demote_f64 (local.get $keptBase))
          (local.get $eps) (local.get $pHi) (local.get $pLo)
          (local.get $pLog2e))
        (return)))
    (loop $group
      ;; kept lanes: mask byte != 0
      (local.set $kept
        (v128.not (i32x4.eq
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $m))))
          (v128.const i32x4 0 0 0 0))))
      (local.set $t (f32x4.add (f32x4.abs (v128.load (local.get $x))) (local.get $epsv)))
      (local.set $n (v128.bitselect (local.get $kn) (local.get $dn) (local.get $kept)))
      (block $stored
        (if (i32.eqz (local.get $mode))
          (then
            ;; Scale (S2.5): v * scale in float64, rounded once to float32, as the JS loop does.
            (local.set $vals (v128.load (local.get $v)))
            (local.set $lo
              (f64x2.mul (f64x2.promote_low_f32x4 (local.get $vals))
                (v128.bitselect (local.get $kb64) (local.get $db64) (i64x2.extend_low_i32x4_s (local.get $kept)))))
            (local.set $hi
              (f64x2.mul
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $vals) (local.get $vals)))
                (v128.bitselect (local.get $kb64) (local.get $db64) (i64x2.extend_high_i32x4_s (local.get $kept)))))
            (v128.store (local.get $out)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
            (br $stored)))
        (if (i32.eq (local.get $mode) (i32.const {{Mode.Sqrt}}))
          (then (local.set $g (f32x4.sqrt (local.get $t)))))
        (if (i32.eq (local.get $mode) (i32.const {{Mode.Reciprocal}}))
          (then (local.set $g (f32x4.div (local.get $one) (local.get $t)))))
        (if (i32.eq (local.get $mode) (i32.const {{Mode.Linear}}))
          (then (local.set $g (local.get $t))))
        (v128.store (local.get $out)
          (f32x4.mul (v128.load (local.get $v))
            (f32x4.add (local.get $one) (f32x4.mul (local.get $n) (local.get $g))))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br_if $group (i32.lt_u (local.get $x) (local.get $end)))))

  ;; GeneralPower mode of `apply` in its own loop, same arithmetic as described there (expm1's
  ;; polynomial in Estrin's form, for a shorter dependency chain), with fewer instructions.
  ;; Every constant lives in a local set before the loop: a v128.const inside the loop is rebuilt
  ;; on each iteration. dropBase is 0 in this mode (slope 1). APPLY_UNROLL = 4 groups (16
  ;; elements) per iteration, interleaved statement by statement (lane L: memory offsets +16L, mask
  ;; +4L), so four independent dependency chains overlap. A group count that is not a multiple of
  ;; 4 computes up to 3 groups past the end, which every region has room for (the driver passes at
  ;; most CHUNK / 4 groups).
  (func $applyGeneral
    (param $x i32) (param $v i32) (param $m i32) (param $out i32) (param $end i32)
    (param $keptNoise f32) (param $dropNoise f32) (param $keptBase f32)
    (param $eps f32) (param $pHi f32) (param $pLo f32) (param $pLog2e f32)
    {{#each L < APPLY_UNROLL}}
    (local $kept{{L}} v128) (local $n{{L}} v128) (local $t{{L}} v128) (local $e{{L}} v128) (local $bits{{L}} v128)
    (local $mant{{L}} v128) (local $s{{L}} v128) (local $s2_{{L}} v128) (local $ef{{L}} v128)
    (local $peHi{{L}} v128) (local $w{{L}} v128) (local $k{{L}} v128) (local $f{{L}} v128) (local $em1_{{L}} v128)
    (local $scale{{L}} v128) (local $gm1_{{L}} v128)
    {{/each}}
    (local $one v128) (local $kn v128) (local $dn v128) (local $kb v128)
    (local $epsv v128) (local $infGm1 v128) (local $zero v128) (local $mantLow v128) (local $lc1 v128)
    (local $lc2 v128) (local $pl v128) (local $ph v128) (local $plo v128) (local $round v128)
    (local $zmin v128) (local $zmax v128) (local $scaleBias v128) (local $ec1 v128)
    (local $ec2 v128) (local $ec3 v128) (local $ec4 v128) (local $ec5 v128) (local $infBits v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $kn (f32x4.splat (local.get $keptNoise)))
    (local.set $dn (f32x4.splat (local.get $dropNoise)))
    (local.set $kb (f32x4.splat (local.get $keptBase)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    ;; g - 1 at t = +Infinity: Infinity^p - 1 is Infinity for p > 0 and -1 for p < 0.
    (local.set $infGm1
      (f32x4.splat (select (f32.const inf) (f32.const -1) (f32.gt (local.get $pLog2e) (f32.const 0)))))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (local.set $mantLow (i32x4.splat (i32.const 0x3f3504f4)))
    (local.set $lc1 (f32x4.splat (f32.const 0.33327804)))
    (local.set $lc2 (f32x4.splat (f32.const 0.20601243)))
    (local.set $pl (f32x4.splat (local.get $pLog2e)))
    (local.set $ph (f32x4.splat (local.get $pHi)))
    (local.set $plo (f32x4.splat (local.get $pLo)))
    (local.set $round (f32x4.splat (f32.const 12582912)))
    (local.set $zmin (f32x4.splat (f32.const -126)))
    (local.set $zmax (f32x4.splat (f32.const 127)))
    (local.set $scaleBias (i32x4.splat (i32.const 0x4b3fff81)))
    (local.set $ec1 (f32x4.splat (f32.const 0.6931471)))
    (local.set $ec2 (f32x4.splat (f32.const 0.24022351)))
    (local.set $ec3 (f32x4.splat (f32.const 0.055505)))
    (local.set $ec4 (f32x4.splat (f32.const 0.009666225)))
    (local.set $ec5 (f32x4.splat (f32.const 0.001333352)))
    (local.set $infBits (i32x4.splat (i32.const 0x7f800000)))
    (loop $group
      {{#interleave L < APPLY_UNROLL}}
      ;; kept lanes: the zero-extended mask byte is > 0.
      (local.set $kept{{L}}
        (i32x4.gt_s
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset={{4 * L}} (local.get $m))))
          (local.get $zero)))
      (local.set $t{{L}} (f32x4.add (f32x4.abs (v128.load offset={{16 * L}} (local.get $x))) (local.get $epsv)))
      (local.set $n{{L}} (v128.bitselect (local.get $kn) (local.get $dn) (local.get $kept{{L}})))
      (local.set $bits{{L}} (local.get $t{{L}}))
      ;; t = 2^e * mant with mant in (sqrt(1/2), sqrt(2)] (bits 0x3f3504f4 .. 0x3fb504f3), t normal:
      ;; e = (bits - 0x3f3504f4) >> 23 (arithmetic), mant = bits - (e << 23). At t = +Infinity,
      ;; e = 128 and mant = 1.
      (local.set $e{{L}} (i32x4.shr_s (i32x4.sub (local.get $bits{{L}}) (local.get $mantLow)) (i32.const 23)))
      (local.set $mant{{L}} (i32x4.sub (local.get $bits{{L}}) (i32x4.shl (local.get $e{{L}}) (i32.const 23))))
      ;; ln mant = 2 atanh(s), s = (mant - 1) / (mant + 1).
      (local.set $s{{L}} (f32x4.div (f32x4.sub (local.get $mant{{L}}) (local.get $one))
                                    (f32x4.add (local.get $mant{{L}}) (local.get $one))))
      (local.set $s2_{{L}} (f32x4.mul (local.get $s{{L}}) (local.get $s{{L}})))
      ;; w = p log2(e) ln mant = p log2(e) * 2s (1 + c1 s2 + c2 s2^2): c1, c2 fitted for minimal
      ;; relative error (1.5e-7) over |s| <= 3 - 2 sqrt(2).
      (local.set $w{{L}}
        (f32x4.mul
          (f32x4.mul (local.get $pl) (f32x4.add (local.get $s{{L}}) (local.get $s{{L}})))
          (f32x4.add (local.get $one)
            (f32x4.mul (local.get $s2_{{L}})
              (f32x4.add (local.get $lc1) (f32x4.mul (local.get $s2_{{L}}) (local.get $lc2)))))))
      ;; z = e pHi (exact) + w + e pLo, clamped to [-126, 127] (pmin/pmax: one instruction each);
      ;; k = nearest(z) by adding 1.5 * 2^23 (whose low mantissa bits then hold k), scale = 2^k;
      ;; f = (e pHi - k) + w + e pLo.
      (local.set $ef{{L}} (f32x4.convert_i32x4_s (local.get $e{{L}})))
      (local.set $peHi{{L}} (f32x4.mul (local.get $ef{{L}}) (local.get $ph)))
      (local.set $k{{L}}
        (f32x4.add (local.get $round)
          (f32x4.pmax (local.get $zmin)
            (f32x4.pmin (local.get $zmax) (f32x4.add (local.get $peHi{{L}}) (local.get $w{{L}}))))))
      (local.set $scale{{L}} (i32x4.shl (i32x4.sub (local.get $k{{L}}) (local.get $scaleBias)) (i32.const 23)))
      (local.set $k{{L}} (f32x4.sub (local.get $k{{L}}) (local.get $round)))
      (local.set $f{{L}}
        (f32x4.add (f32x4.add (f32x4.sub (local.get $peHi{{L}}) (local.get $k{{L}})) (local.get $w{{L}}))
                   (f32x4.mul (local.get $ef{{L}}) (local.get $plo))))
      ;; expm1(f ln2) = f ((c1 + c2 f) + f^2 ((c3 + c4 f) + f^2 c5)), fitted for minimal relative
      ;; error (4.4e-7) over |f| <= 1/2; s2 now holds f^2. Then g - 1 = scale em1 + (scale - 1).
      (local.set $s2_{{L}} (f32x4.mul (local.get $f{{L}}) (local.get $f{{L}})))
      (local.set $em1_{{L}}
        (f32x4.mul (local.get $f{{L}})
          (f32x4.add
            (f32x4.add (local.get $ec1) (f32x4.mul (local.get $f{{L}}) (local.get $ec2)))
            (f32x4.mul (local.get $s2_{{L}})
              (f32x4.add
                (f32x4.add (local.get $ec3) (f32x4.mul (local.get $f{{L}}) (local.get $ec4)))
                (f32x4.mul (local.get $s2_{{L}}) (local.get $ec5)))))))
      (local.set $gm1_{{L}}
        (f32x4.add (f32x4.mul (local.get $scale{{L}}) (local.get $em1_{{L}}))
                   (f32x4.sub (local.get $scale{{L}}) (local.get $one))))
      ;; t - t is 0 for finite t and NaN at t = NaN (S2.7, also where v is dy) or +Infinity,
      ;; where g - 1 is Infinity^p - 1 instead.
      (local.set $gm1_{{L}}
        (v128.bitselect (local.get $infGm1)
          (f32x4.add (local.get $gm1_{{L}}) (f32x4.sub (local.get $t{{L}}) (local.get $t{{L}})))
          (i32x4.eq (local.get $bits{{L}}) (local.get $infBits))))
      ;; the base is keptBase on kept lanes and dropBase = 0 on dropped ones.
      (v128.store offset={{16 * L}} (local.get $out)
        (f32x4.mul (v128.load offset={{16 * L}} (local.get $v))
          (f32x4.add (v128.and (local.get $kb) (local.get $kept{{L}}))
            (f32x4.mul (local.get $n{{L}}) (local.get $gm1_{{L}})))))
      {{/interleave}}
      (local.set $x (i32.add (local.get $x) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $v (i32.add (local.get $v) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $out (i32.add (local.get $out) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $m (i32.add (local.get $m) (i32.const {{4 * APPLY_UNROLL}})))
      (br_if $group (i32.lt_u (local.get $x) (local.get $end)))))

  ;; InverseSqrt mode of `apply` (q = 1, g = 1 / sqrt(t)) in its own loop with its constants in
  ;; locals, APPLY_UNROLL groups per iteration interleaved as in $applyGeneral (up to 3 groups
  ;; computed past the end).
  (func $applyInverseSqrt
    (param $x i32) (param $v i32) (param $m i32) (param $out i32) (param $end i32)
    (param $keptNoise f32) (param $dropNoise f32) (param $eps f32)
    {{#each L < APPLY_UNROLL}}
    (local $kept{{L}} v128) (local $n{{L}} v128) (local $t{{L}} v128) (local $g{{L}} v128)
    {{/each}}
    (local $one v128) (local $kn v128) (local $dn v128) (local $epsv v128) (local $zero v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $kn (f32x4.splat (local.get $keptNoise)))
    (local.set $dn (f32x4.splat (local.get $dropNoise)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (loop $group
      {{#interleave L < APPLY_UNROLL}}
      (local.set $kept{{L}} (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset={{4 * L}} (local.get $m)))) (local.get $zero)))
      (local.set $n{{L}} (v128.bitselect (local.get $kn) (local.get $dn) (local.get $kept{{L}})))
      (local.set $t{{L}} (f32x4.add (f32x4.abs (v128.load offset={{16 * L}} (local.get $x))) (local.get $epsv)))
      (local.set $g{{L}} (f32x4.div (local.get $one) (f32x4.sqrt (local.get $t{{L}}))))
      (v128.store offset={{16 * L}} (local.get $out) (f32x4.mul (v128.load offset={{16 * L}} (local.get $v)) (f32x4.add (local.get $one) (f32x4.mul (local.get $n{{L}}) (local.get $g{{L}})))))
      {{/interleave}}
      (local.set $x (i32.add (local.get $x) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $v (i32.add (local.get $v) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $out (i32.add (local.get $out) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $m (i32.add (local.get $m) (i32.const {{4 * APPLY_UNROLL}})))
      (br_if $group (i32.lt_u (local.get $x) (local.get $end)))))

  ;; ScaleFloat32 mode of `apply` (q = 2, float32-exact factors) in its own loop with its constants
  ;; in locals, APPLY_UNROLL groups per iteration as in $applyInverseSqrt.
  (func $applyScale
    (param $v i32) (param $m i32) (param $out i32) (param $end i32) (param $keptBase f32) (param $dropBase f32)
    {{#each L < APPLY_UNROLL}}
    (local $kept{{L}} v128)
    {{/each}}
    (local $kb v128) (local $db v128) (local $zero v128)
    (local.set $kb (f32x4.splat (local.get $keptBase)))
    (local.set $db (f32x4.splat (local.get $dropBase)))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (loop $group
      {{#interleave L < APPLY_UNROLL}}
      (local.set $kept{{L}} (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset={{4 * L}} (local.get $m)))) (local.get $zero)))
      (v128.store offset={{16 * L}} (local.get $out) (f32x4.mul (v128.load offset={{16 * L}} (local.get $v)) (v128.bitselect (local.get $kb) (local.get $db) (local.get $kept{{L}}))))
      {{/interleave}}
      (local.set $v (i32.add (local.get $v) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $out (i32.add (local.get $out) (i32.const {{16 * APPLY_UNROLL}})))
      (local.set $m (i32.add (local.get $m) (i32.const {{4 * APPLY_UNROLL}})))
      (br_if $group (i32.lt_u (local.get $v) (local.get $end)))))
)
