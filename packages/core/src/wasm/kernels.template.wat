;; Sparseout's float32 kernels in WebAssembly SIMD (128-bit), for the 'wasm' backend of
;; @sparseout/core. JavaScript copies a chunk of at most 8192 elements into this module's memory,
;; calls `mask` and/or `apply`, and copies the result out; see drivers.ts.
;;
;; Memory (two 64 KiB pages): x at 0, v at 32768, y at 65536, mask bytes at 98304 (8192 elements each),
;; `apply`'s scalars at 106560.
(module
  (memory (export "memory") 2 2)

  ;; S4.2: Philox4x32-10 keep-mask bytes for `groups` groups of four blocks (16 elements each),
  ;; blocks (blockLo, blockHi) + 0, 1, 2 ... under counter words (s0, s1) and key (k0, k1).
  ;; Element 4b + w is 1 iff word w of block b >= threshold (unsigned), else 0.
  ;; Two groups (32 elements) per iteration, their rounds interleaved (locals suffixed A, B) so
  ;; that two independent multiply chains overlap (four spill registers and run slower); an odd
  ;; group count writes one group (16 bytes) past the end, which the mask region has room for (the
  ;; driver passes at most CHUNK / 16 = 512 groups).
  (func (export "mask")
    (param $ptr i32) (param $groups i32) (param $blockLo i32) (param $blockHi i32)
    (param $s0 i32) (param $s1 i32) (param $k0 i32) (param $k1 i32) (param $threshold i32)
    (local $c0A v128) (local $c1A v128) (local $c2A v128) (local $c3A v128) (local $p0A v128) (local $p1A v128) (local $hi0A v128) (local $lo0A v128) (local $hi1A v128) (local $lo1A v128) (local $c0B v128) (local $c1B v128) (local $c2B v128) (local $c3B v128) (local $p0B v128) (local $p1B v128) (local $hi0B v128) (local $lo0B v128) (local $hi1B v128) (local $lo1B v128)
    (local $key0 v128) (local $key1 v128) (local $m0 v128) (local $m1 v128) (local $w0 v128)
    (local $w1 v128) (local $t v128) (local $base v128) (local $lanes v128) (local $sv0 v128)
    (local $sv1 v128) (local $kv0 v128) (local $kv1 v128) (local $zero v128) (local $ones v128)
    (local $loA i32) (local $hiA i32) (local $loB i32) (local $hiB i32) (local $round i32) (local $next i32)
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
        ;; group k (A: 0, B: 1): counter (b + lane, hi + carry, s0, s1), b = blockLo + 4k (carry into hi).
        (local.set $loA (i32.add (local.get $blockLo) (i32.const 0)))
        (local.set $hiA (i32.add (local.get $blockHi) (i32.lt_u (local.get $loA) (local.get $blockLo))))
        (local.set $loB (i32.add (local.get $blockLo) (i32.const 4)))
        (local.set $hiB (i32.add (local.get $blockHi) (i32.lt_u (local.get $loB) (local.get $blockLo))))
        (local.set $base (i32x4.splat (local.get $loA)))
        (local.set $c0A (i32x4.add (local.get $base) (local.get $lanes)))
        (local.set $c1A (i32x4.sub (i32x4.splat (local.get $hiA)) (i32x4.lt_u (local.get $c0A) (local.get $base))))
        (local.set $c2A (local.get $sv0))
        (local.set $c3A (local.get $sv1))
        (local.set $base (i32x4.splat (local.get $loB)))
        (local.set $c0B (i32x4.add (local.get $base) (local.get $lanes)))
        (local.set $c1B (i32x4.sub (i32x4.splat (local.get $hiB)) (i32x4.lt_u (local.get $c0B) (local.get $base))))
        (local.set $c2B (local.get $sv0))
        (local.set $c3B (local.get $sv1))
        (local.set $key0 (local.get $kv0))
        (local.set $key1 (local.get $kv1))
        (local.set $round (i32.const 10))
        (loop $rounds
          ;; 64-bit products c0 * M0 and c2 * M1: low words by i32x4.mul, high words by extmul.
          (local.set $p0A (i64x2.extmul_low_i32x4_u (local.get $c0A) (local.get $m0)))
          (local.set $p0B (i64x2.extmul_low_i32x4_u (local.get $c0B) (local.get $m0)))
          (local.set $p1A (i64x2.extmul_high_i32x4_u (local.get $c0A) (local.get $m0)))
          (local.set $p1B (i64x2.extmul_high_i32x4_u (local.get $c0B) (local.get $m0)))
          (local.set $hi0A (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p0A) (local.get $p1A)))
          (local.set $hi0B (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p0B) (local.get $p1B)))
          (local.set $lo0A (i32x4.mul (local.get $c0A) (local.get $m0)))
          (local.set $lo0B (i32x4.mul (local.get $c0B) (local.get $m0)))
          (local.set $p0A (i64x2.extmul_low_i32x4_u (local.get $c2A) (local.get $m1)))
          (local.set $p0B (i64x2.extmul_low_i32x4_u (local.get $c2B) (local.get $m1)))
          (local.set $p1A (i64x2.extmul_high_i32x4_u (local.get $c2A) (local.get $m1)))
          (local.set $p1B (i64x2.extmul_high_i32x4_u (local.get $c2B) (local.get $m1)))
          (local.set $hi1A (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p0A) (local.get $p1A)))
          (local.set $hi1B (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p0B) (local.get $p1B)))
          (local.set $lo1A (i32x4.mul (local.get $c2A) (local.get $m1)))
          (local.set $lo1B (i32x4.mul (local.get $c2B) (local.get $m1)))
          (local.set $c0A (v128.xor (v128.xor (local.get $hi1A) (local.get $c1A)) (local.get $key0)))
          (local.set $c0B (v128.xor (v128.xor (local.get $hi1B) (local.get $c1B)) (local.get $key0)))
          (local.set $c1A (local.get $lo1A))
          (local.set $c1B (local.get $lo1B))
          (local.set $c2A (v128.xor (v128.xor (local.get $hi0A) (local.get $c3A)) (local.get $key1)))
          (local.set $c2B (v128.xor (v128.xor (local.get $hi0B) (local.get $c3B)) (local.get $key1)))
          (local.set $c3A (local.get $lo0A))
          (local.set $c3B (local.get $lo0B))
          (local.set $key0 (i32x4.add (local.get $key0) (local.get $w0)))
          (local.set $key1 (i32x4.add (local.get $key1) (local.get $w1)))
          (local.set $round (i32.sub (local.get $round) (i32.const 1)))
          (br_if $rounds (local.get $round)))
        ;; word w of block b is element 4b + w: compare, narrow to bytes, transpose, keep bit 0.
        (v128.store (local.get $ptr)
          (v128.and
            (i8x16.shuffle 0 4 8 12 1 5 9 13 2 6 10 14 3 7 11 15
              (i8x16.narrow_i16x8_s
                (i16x8.narrow_i32x4_s (i32x4.ge_u (local.get $c0A) (local.get $t))
                                      (i32x4.ge_u (local.get $c1A) (local.get $t)))
                (i16x8.narrow_i32x4_s (i32x4.ge_u (local.get $c2A) (local.get $t))
                                      (i32x4.ge_u (local.get $c3A) (local.get $t))))
              (local.get $zero))
            (local.get $ones)))
        (v128.store offset=16 (local.get $ptr)
          (v128.and
            (i8x16.shuffle 0 4 8 12 1 5 9 13 2 6 10 14 3 7 11 15
              (i8x16.narrow_i16x8_s
                (i16x8.narrow_i32x4_s (i32x4.ge_u (local.get $c0B) (local.get $t))
                                      (i32x4.ge_u (local.get $c1B) (local.get $t)))
                (i16x8.narrow_i32x4_s (i32x4.ge_u (local.get $c2B) (local.get $t))
                                      (i32x4.ge_u (local.get $c3B) (local.get $t))))
              (local.get $zero))
            (local.get $ones)))
        (local.set $next (i32.add (local.get $blockLo) (i32.const 8)))
        (if (i32.lt_u (local.get $next) (local.get $blockLo))
          (then (local.set $blockHi (i32.add (local.get $blockHi) (i32.const 1)))))
        (local.set $blockLo (local.get $next))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 32)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 2)))
        (br $group))))

  ;; S2.3 / S3.1: out[i] = v[i] * (1 + n_i * g(x[i])), n_i from the mask byte (kept: keptNoise,
  ;; dropped: dropNoise), g = (|x| + eps)^p, for `groups` groups of four elements.
  ;; mode 0: factor = kept ? keptBase : dropBase (q = 2), in float64; 6: the same in float32, for
  ;; factors exact in float32 (a 24-bit x times a 24-bit factor is exact in float64); 1: g = 1 / sqrt(t) (q = 1);
  ;; 2: g = sqrt(t) (q = 3); 3: g = 1 / t (q = 0); 4: g = t (q = 4);
  ;; 5: general p = pHi + pLo (pHi with at most 12 significant bits, pLog2e = p * log2(e)):
  ;;    factor = base + n * (g - 1), base = 1 + n, g - 1 = 2^k * expm1(f * ln2) + (2^k - 1).
  ;; Modes 1, 5 and 6 run in their own functions below ($applyInverseSqrt, $applyGeneral,
  ;; $applyScale; mode 6: the float32 product is the float64 one rounded once).
  (func (export "apply")
    (param $x i32) (param $v i32) (param $m i32) (param $out i32) (param $groups i32) (param $mode i32)
    (local $keptNoise f32) (local $dropNoise f32) (local $keptBase f64) (local $dropBase f64)
    (local $eps f32) (local $pHi f32) (local $pLo f32) (local $pLog2e f32)
    (local $kept v128) (local $n v128) (local $t v128) (local $g v128) (local $one v128)
    (local $kn v128) (local $dn v128) (local $epsv v128)
    (local $end i32) (local $kb64 v128) (local $db64 v128) (local $vals v128) (local $lo v128)
    (local $hi v128)
    ;; The scalars, written by the driver at 106560 (past the mask region and its 16-byte overrun)
    ;; rather than passed: f64 keptBase, dropBase; f32 keptNoise, dropNoise, eps, pHi, pLo, pLog2e.
    ;; JavaScript passes integers only, so a call never boxes a double (drivers.ts).
    (local.set $keptBase (f64.load (i32.const 106560)))
    (local.set $dropBase (f64.load (i32.const 106568)))
    (local.set $keptNoise (f32.load (i32.const 106576)))
    (local.set $dropNoise (f32.load (i32.const 106580)))
    (local.set $eps (f32.load (i32.const 106584)))
    (local.set $pHi (f32.load (i32.const 106588)))
    (local.set $pLo (f32.load (i32.const 106592)))
    (local.set $pLog2e (f32.load (i32.const 106596)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $kn (f32x4.splat (local.get $keptNoise)))
    (local.set $dn (f32x4.splat (local.get $dropNoise)))
    (local.set $kb64 (f64x2.splat (local.get $keptBase)))
    (local.set $db64 (f64x2.splat (local.get $dropBase)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $groups) (i32.const 4))))
    (if (i32.eqz (local.get $groups)) (then (return)))
    (if (i32.eq (local.get $mode) (i32.const 6))
      (then
        (call $applyScale (local.get $v) (local.get $m) (local.get $out)
          (i32.add (local.get $v) (i32.shl (local.get $groups) (i32.const 4)))
          (f32.demote_f64 (local.get $keptBase)) (f32.demote_f64 (local.get $dropBase)))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (call $applyInverseSqrt (local.get $x) (local.get $v) (local.get $m) (local.get $out)
          (local.get $end) (local.get $keptNoise) (local.get $dropNoise) (local.get $eps))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 5))
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
            ;; q = 2 (S2.5): v * scale in float64, rounded once to float32, as the JS loop does.
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
        (if (i32.eq (local.get $mode) (i32.const 2))
          (then (local.set $g (f32x4.sqrt (local.get $t)))))
        (if (i32.eq (local.get $mode) (i32.const 3))
          (then (local.set $g (f32x4.div (local.get $one) (local.get $t)))))
        (if (i32.eq (local.get $mode) (i32.const 4))
          (then (local.set $g (local.get $t))))
        (v128.store (local.get $out)
          (f32x4.mul (v128.load (local.get $v))
            (f32x4.add (local.get $one) (f32x4.mul (local.get $n) (local.get $g))))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (br_if $group (i32.lt_u (local.get $x) (local.get $end)))))

  ;; Mode 5 of `apply` (general p) in its own loop, same arithmetic as described there
  ;; (expm1's polynomial in Estrin's form, for a shorter dependency chain), with fewer instructions.
  ;; Every constant lives in a local set before the loop: a v128.const inside the loop is rebuilt
  ;; on each iteration. dropBase is 0 in this mode (slope 1). Four groups (16 elements) per
  ;; iteration: each statement is followed by its copies for groups B, C, D (locals suffixed B/C/D,
  ;; memory offsets +16/+32/+48, mask +4/+8/+12), so four independent dependency chains
  ;; interleave. A group count that is not a multiple of 4 computes up to 3 groups past the end,
  ;; which every region has room for (the driver passes at most CHUNK / 4 = 2048 groups).
  (func $applyGeneral
    (param $x i32) (param $v i32) (param $m i32) (param $out i32) (param $end i32)
    (param $keptNoise f32) (param $dropNoise f32) (param $keptBase f32)
    (param $eps f32) (param $pHi f32) (param $pLo f32) (param $pLog2e f32)
    (local $kept v128) (local $n v128) (local $t v128) (local $e v128) (local $bits v128)
    (local $mant v128) (local $s v128) (local $s2 v128) (local $ef v128)
    (local $peHi v128) (local $w v128) (local $k v128) (local $f v128) (local $em1 v128)
    (local $scale v128) (local $gm1 v128)
    (local $keptB v128) (local $nB v128) (local $tB v128) (local $eB v128) (local $bitsB v128) (local $mantB v128) (local $sB v128) (local $s2B v128) (local $efB v128) (local $peHiB v128) (local $wB v128) (local $kB v128) (local $fB v128) (local $em1B v128) (local $scaleB v128) (local $gm1B v128) (local $keptC v128) (local $nC v128) (local $tC v128) (local $eC v128) (local $bitsC v128) (local $mantC v128) (local $sC v128) (local $s2C v128) (local $efC v128) (local $peHiC v128) (local $wC v128) (local $kC v128) (local $fC v128) (local $em1C v128) (local $scaleC v128) (local $gm1C v128) (local $keptD v128) (local $nD v128) (local $tD v128) (local $eD v128) (local $bitsD v128) (local $mantD v128) (local $sD v128) (local $s2D v128) (local $efD v128) (local $peHiD v128) (local $wD v128) (local $kD v128) (local $fD v128) (local $em1D v128) (local $scaleD v128) (local $gm1D v128)
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
      ;; kept lanes: the zero-extended mask byte is > 0.
      (local.set $kept
        (i32x4.gt_s
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $m))))
          (local.get $zero)))
      (local.set $keptB
        (i32x4.gt_s
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=4 (local.get $m))))
          (local.get $zero)))
      (local.set $keptC
        (i32x4.gt_s
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=8 (local.get $m))))
          (local.get $zero)))
      (local.set $keptD
        (i32x4.gt_s
          (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=12 (local.get $m))))
          (local.get $zero)))
      (local.set $t (f32x4.add (f32x4.abs (v128.load (local.get $x))) (local.get $epsv)))
      (local.set $tB (f32x4.add (f32x4.abs (v128.load offset=16 (local.get $x))) (local.get $epsv)))
      (local.set $tC (f32x4.add (f32x4.abs (v128.load offset=32 (local.get $x))) (local.get $epsv)))
      (local.set $tD (f32x4.add (f32x4.abs (v128.load offset=48 (local.get $x))) (local.get $epsv)))
      (local.set $n (v128.bitselect (local.get $kn) (local.get $dn) (local.get $kept)))
      (local.set $nB (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptB)))
      (local.set $nC (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptC)))
      (local.set $nD (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptD)))
      (local.set $bits (local.get $t))
      (local.set $bitsB (local.get $tB))
      (local.set $bitsC (local.get $tC))
      (local.set $bitsD (local.get $tD))
      ;; t = 2^e * mant with mant in (sqrt(1/2), sqrt(2)] (bits 0x3f3504f4 .. 0x3fb504f3), t normal:
      ;; e = (bits - 0x3f3504f4) >> 23 (arithmetic), mant = bits - (e << 23). At t = +Infinity,
      ;; e = 128 and mant = 1.
      (local.set $e (i32x4.shr_s (i32x4.sub (local.get $bits) (local.get $mantLow)) (i32.const 23)))
      (local.set $eB (i32x4.shr_s (i32x4.sub (local.get $bitsB) (local.get $mantLow)) (i32.const 23)))
      (local.set $eC (i32x4.shr_s (i32x4.sub (local.get $bitsC) (local.get $mantLow)) (i32.const 23)))
      (local.set $eD (i32x4.shr_s (i32x4.sub (local.get $bitsD) (local.get $mantLow)) (i32.const 23)))
      (local.set $mant (i32x4.sub (local.get $bits) (i32x4.shl (local.get $e) (i32.const 23))))
      (local.set $mantB (i32x4.sub (local.get $bitsB) (i32x4.shl (local.get $eB) (i32.const 23))))
      (local.set $mantC (i32x4.sub (local.get $bitsC) (i32x4.shl (local.get $eC) (i32.const 23))))
      (local.set $mantD (i32x4.sub (local.get $bitsD) (i32x4.shl (local.get $eD) (i32.const 23))))
      ;; ln mant = 2 atanh(s), s = (mant - 1) / (mant + 1).
      (local.set $s (f32x4.div (f32x4.sub (local.get $mant) (local.get $one))
                               (f32x4.add (local.get $mant) (local.get $one))))
      (local.set $sB (f32x4.div (f32x4.sub (local.get $mantB) (local.get $one))
                               (f32x4.add (local.get $mantB) (local.get $one))))
      (local.set $sC (f32x4.div (f32x4.sub (local.get $mantC) (local.get $one))
                               (f32x4.add (local.get $mantC) (local.get $one))))
      (local.set $sD (f32x4.div (f32x4.sub (local.get $mantD) (local.get $one))
                               (f32x4.add (local.get $mantD) (local.get $one))))
      (local.set $s2 (f32x4.mul (local.get $s) (local.get $s)))
      (local.set $s2B (f32x4.mul (local.get $sB) (local.get $sB)))
      (local.set $s2C (f32x4.mul (local.get $sC) (local.get $sC)))
      (local.set $s2D (f32x4.mul (local.get $sD) (local.get $sD)))
      ;; w = p log2(e) ln mant = p log2(e) * 2s (1 + c1 s2 + c2 s2^2): c1, c2 fitted for minimal
      ;; relative error (1.5e-7) over |s| <= 3 - 2 sqrt(2).
      (local.set $w
        (f32x4.mul
          (f32x4.mul (local.get $pl) (f32x4.add (local.get $s) (local.get $s)))
          (f32x4.add (local.get $one)
            (f32x4.mul (local.get $s2)
              (f32x4.add (local.get $lc1) (f32x4.mul (local.get $s2) (local.get $lc2)))))))
      (local.set $wB
        (f32x4.mul
          (f32x4.mul (local.get $pl) (f32x4.add (local.get $sB) (local.get $sB)))
          (f32x4.add (local.get $one)
            (f32x4.mul (local.get $s2B)
              (f32x4.add (local.get $lc1) (f32x4.mul (local.get $s2B) (local.get $lc2)))))))
      (local.set $wC
        (f32x4.mul
          (f32x4.mul (local.get $pl) (f32x4.add (local.get $sC) (local.get $sC)))
          (f32x4.add (local.get $one)
            (f32x4.mul (local.get $s2C)
              (f32x4.add (local.get $lc1) (f32x4.mul (local.get $s2C) (local.get $lc2)))))))
      (local.set $wD
        (f32x4.mul
          (f32x4.mul (local.get $pl) (f32x4.add (local.get $sD) (local.get $sD)))
          (f32x4.add (local.get $one)
            (f32x4.mul (local.get $s2D)
              (f32x4.add (local.get $lc1) (f32x4.mul (local.get $s2D) (local.get $lc2)))))))
      ;; z = e pHi (exact) + w + e pLo, clamped to [-126, 127] (pmin/pmax: one instruction each);
      ;; k = nearest(z) by adding 1.5 * 2^23 (whose low mantissa bits then hold k), scale = 2^k;
      ;; f = (e pHi - k) + w + e pLo.
      (local.set $ef (f32x4.convert_i32x4_s (local.get $e)))
      (local.set $efB (f32x4.convert_i32x4_s (local.get $eB)))
      (local.set $efC (f32x4.convert_i32x4_s (local.get $eC)))
      (local.set $efD (f32x4.convert_i32x4_s (local.get $eD)))
      (local.set $peHi (f32x4.mul (local.get $ef) (local.get $ph)))
      (local.set $peHiB (f32x4.mul (local.get $efB) (local.get $ph)))
      (local.set $peHiC (f32x4.mul (local.get $efC) (local.get $ph)))
      (local.set $peHiD (f32x4.mul (local.get $efD) (local.get $ph)))
      (local.set $k
        (f32x4.add (local.get $round)
          (f32x4.pmax (local.get $zmin)
            (f32x4.pmin (local.get $zmax) (f32x4.add (local.get $peHi) (local.get $w))))))
      (local.set $kB
        (f32x4.add (local.get $round)
          (f32x4.pmax (local.get $zmin)
            (f32x4.pmin (local.get $zmax) (f32x4.add (local.get $peHiB) (local.get $wB))))))
      (local.set $kC
        (f32x4.add (local.get $round)
          (f32x4.pmax (local.get $zmin)
            (f32x4.pmin (local.get $zmax) (f32x4.add (local.get $peHiC) (local.get $wC))))))
      (local.set $kD
        (f32x4.add (local.get $round)
          (f32x4.pmax (local.get $zmin)
            (f32x4.pmin (local.get $zmax) (f32x4.add (local.get $peHiD) (local.get $wD))))))
      (local.set $scale (i32x4.shl (i32x4.sub (local.get $k) (local.get $scaleBias)) (i32.const 23)))
      (local.set $scaleB (i32x4.shl (i32x4.sub (local.get $kB) (local.get $scaleBias)) (i32.const 23)))
      (local.set $scaleC (i32x4.shl (i32x4.sub (local.get $kC) (local.get $scaleBias)) (i32.const 23)))
      (local.set $scaleD (i32x4.shl (i32x4.sub (local.get $kD) (local.get $scaleBias)) (i32.const 23)))
      (local.set $k (f32x4.sub (local.get $k) (local.get $round)))
      (local.set $kB (f32x4.sub (local.get $kB) (local.get $round)))
      (local.set $kC (f32x4.sub (local.get $kC) (local.get $round)))
      (local.set $kD (f32x4.sub (local.get $kD) (local.get $round)))
      (local.set $f
        (f32x4.add (f32x4.add (f32x4.sub (local.get $peHi) (local.get $k)) (local.get $w))
                   (f32x4.mul (local.get $ef) (local.get $plo))))
      (local.set $fB
        (f32x4.add (f32x4.add (f32x4.sub (local.get $peHiB) (local.get $kB)) (local.get $wB))
                   (f32x4.mul (local.get $efB) (local.get $plo))))
      (local.set $fC
        (f32x4.add (f32x4.add (f32x4.sub (local.get $peHiC) (local.get $kC)) (local.get $wC))
                   (f32x4.mul (local.get $efC) (local.get $plo))))
      (local.set $fD
        (f32x4.add (f32x4.add (f32x4.sub (local.get $peHiD) (local.get $kD)) (local.get $wD))
                   (f32x4.mul (local.get $efD) (local.get $plo))))
      ;; expm1(f ln2) = f ((c1 + c2 f) + f^2 ((c3 + c4 f) + f^2 c5)), fitted for minimal relative
      ;; error (4.4e-7) over |f| <= 1/2; s2 now holds f^2. Then g - 1 = scale em1 + (scale - 1).
      (local.set $s2 (f32x4.mul (local.get $f) (local.get $f)))
      (local.set $s2B (f32x4.mul (local.get $fB) (local.get $fB)))
      (local.set $s2C (f32x4.mul (local.get $fC) (local.get $fC)))
      (local.set $s2D (f32x4.mul (local.get $fD) (local.get $fD)))
      (local.set $em1
        (f32x4.mul (local.get $f)
          (f32x4.add
            (f32x4.add (local.get $ec1) (f32x4.mul (local.get $f) (local.get $ec2)))
            (f32x4.mul (local.get $s2)
              (f32x4.add
                (f32x4.add (local.get $ec3) (f32x4.mul (local.get $f) (local.get $ec4)))
                (f32x4.mul (local.get $s2) (local.get $ec5)))))))
      (local.set $em1B
        (f32x4.mul (local.get $fB)
          (f32x4.add
            (f32x4.add (local.get $ec1) (f32x4.mul (local.get $fB) (local.get $ec2)))
            (f32x4.mul (local.get $s2B)
              (f32x4.add
                (f32x4.add (local.get $ec3) (f32x4.mul (local.get $fB) (local.get $ec4)))
                (f32x4.mul (local.get $s2B) (local.get $ec5)))))))
      (local.set $em1C
        (f32x4.mul (local.get $fC)
          (f32x4.add
            (f32x4.add (local.get $ec1) (f32x4.mul (local.get $fC) (local.get $ec2)))
            (f32x4.mul (local.get $s2C)
              (f32x4.add
                (f32x4.add (local.get $ec3) (f32x4.mul (local.get $fC) (local.get $ec4)))
                (f32x4.mul (local.get $s2C) (local.get $ec5)))))))
      (local.set $em1D
        (f32x4.mul (local.get $fD)
          (f32x4.add
            (f32x4.add (local.get $ec1) (f32x4.mul (local.get $fD) (local.get $ec2)))
            (f32x4.mul (local.get $s2D)
              (f32x4.add
                (f32x4.add (local.get $ec3) (f32x4.mul (local.get $fD) (local.get $ec4)))
                (f32x4.mul (local.get $s2D) (local.get $ec5)))))))
      (local.set $gm1
        (f32x4.add (f32x4.mul (local.get $scale) (local.get $em1))
                   (f32x4.sub (local.get $scale) (local.get $one))))
      (local.set $gm1B
        (f32x4.add (f32x4.mul (local.get $scaleB) (local.get $em1B))
                   (f32x4.sub (local.get $scaleB) (local.get $one))))
      (local.set $gm1C
        (f32x4.add (f32x4.mul (local.get $scaleC) (local.get $em1C))
                   (f32x4.sub (local.get $scaleC) (local.get $one))))
      (local.set $gm1D
        (f32x4.add (f32x4.mul (local.get $scaleD) (local.get $em1D))
                   (f32x4.sub (local.get $scaleD) (local.get $one))))
      ;; t - t is 0 for finite t and NaN at t = NaN (S2.7, also where v is dy) or +Infinity,
      ;; where g - 1 is Infinity^p - 1 instead.
      (local.set $gm1
        (v128.bitselect (local.get $infGm1)
          (f32x4.add (local.get $gm1) (f32x4.sub (local.get $t) (local.get $t)))
          (i32x4.eq (local.get $bits) (local.get $infBits))))
      (local.set $gm1B
        (v128.bitselect (local.get $infGm1)
          (f32x4.add (local.get $gm1B) (f32x4.sub (local.get $tB) (local.get $tB)))
          (i32x4.eq (local.get $bitsB) (local.get $infBits))))
      (local.set $gm1C
        (v128.bitselect (local.get $infGm1)
          (f32x4.add (local.get $gm1C) (f32x4.sub (local.get $tC) (local.get $tC)))
          (i32x4.eq (local.get $bitsC) (local.get $infBits))))
      (local.set $gm1D
        (v128.bitselect (local.get $infGm1)
          (f32x4.add (local.get $gm1D) (f32x4.sub (local.get $tD) (local.get $tD)))
          (i32x4.eq (local.get $bitsD) (local.get $infBits))))
      ;; the base is keptBase on kept lanes and dropBase = 0 on dropped ones.
      (v128.store (local.get $out)
        (f32x4.mul (v128.load (local.get $v))
          (f32x4.add (v128.and (local.get $kb) (local.get $kept))
            (f32x4.mul (local.get $n) (local.get $gm1)))))
      (v128.store offset=16 (local.get $out)
        (f32x4.mul (v128.load offset=16 (local.get $v))
          (f32x4.add (v128.and (local.get $kb) (local.get $keptB))
            (f32x4.mul (local.get $nB) (local.get $gm1B)))))
      (v128.store offset=32 (local.get $out)
        (f32x4.mul (v128.load offset=32 (local.get $v))
          (f32x4.add (v128.and (local.get $kb) (local.get $keptC))
            (f32x4.mul (local.get $nC) (local.get $gm1C)))))
      (v128.store offset=48 (local.get $out)
        (f32x4.mul (v128.load offset=48 (local.get $v))
          (f32x4.add (v128.and (local.get $kb) (local.get $keptD))
            (f32x4.mul (local.get $nD) (local.get $gm1D)))))
      (local.set $x (i32.add (local.get $x) (i32.const 64)))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $group (i32.lt_u (local.get $x) (local.get $end)))))

  ;; Mode 1 of `apply` (q = 1, g = 1 / sqrt(t)) in its own loop with its constants in locals, 4
  ;; groups (16 elements) per iteration, interleaved (locals suffixed A, B, C, D; memory offsets
  ;; +16 per group, mask +4); a group count that is not a multiple of 4 computes up to 3 groups
  ;; past the end, which every region has room for (at most CHUNK / 4 = 2048 groups).
  (func $applyInverseSqrt
    (param $x i32) (param $v i32) (param $m i32) (param $out i32) (param $end i32)
    (param $keptNoise f32) (param $dropNoise f32) (param $eps f32)
    (local $keptA v128) (local $nA v128) (local $tA v128) (local $gA v128) (local $keptB v128) (local $nB v128) (local $tB v128) (local $gB v128) (local $keptC v128) (local $nC v128) (local $tC v128) (local $gC v128) (local $keptD v128) (local $nD v128) (local $tD v128) (local $gD v128)
    (local $one v128) (local $kn v128) (local $dn v128) (local $epsv v128) (local $zero v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $kn (f32x4.splat (local.get $keptNoise)))
    (local.set $dn (f32x4.splat (local.get $dropNoise)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (loop $group
      (local.set $keptA (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $m)))) (local.get $zero)))
      (local.set $keptB (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=4 (local.get $m)))) (local.get $zero)))
      (local.set $keptC (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=8 (local.get $m)))) (local.get $zero)))
      (local.set $keptD (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=12 (local.get $m)))) (local.get $zero)))
      (local.set $nA (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptA)))
      (local.set $nB (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptB)))
      (local.set $nC (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptC)))
      (local.set $nD (v128.bitselect (local.get $kn) (local.get $dn) (local.get $keptD)))
      (local.set $tA (f32x4.add (f32x4.abs (v128.load (local.get $x))) (local.get $epsv)))
      (local.set $tB (f32x4.add (f32x4.abs (v128.load offset=16 (local.get $x))) (local.get $epsv)))
      (local.set $tC (f32x4.add (f32x4.abs (v128.load offset=32 (local.get $x))) (local.get $epsv)))
      (local.set $tD (f32x4.add (f32x4.abs (v128.load offset=48 (local.get $x))) (local.get $epsv)))
      (local.set $gA (f32x4.div (local.get $one) (f32x4.sqrt (local.get $tA))))
      (local.set $gB (f32x4.div (local.get $one) (f32x4.sqrt (local.get $tB))))
      (local.set $gC (f32x4.div (local.get $one) (f32x4.sqrt (local.get $tC))))
      (local.set $gD (f32x4.div (local.get $one) (f32x4.sqrt (local.get $tD))))
      (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $v)) (f32x4.add (local.get $one) (f32x4.mul (local.get $nA) (local.get $gA)))))
      (v128.store offset=16 (local.get $out) (f32x4.mul (v128.load offset=16 (local.get $v)) (f32x4.add (local.get $one) (f32x4.mul (local.get $nB) (local.get $gB)))))
      (v128.store offset=32 (local.get $out) (f32x4.mul (v128.load offset=32 (local.get $v)) (f32x4.add (local.get $one) (f32x4.mul (local.get $nC) (local.get $gC)))))
      (v128.store offset=48 (local.get $out) (f32x4.mul (v128.load offset=48 (local.get $v)) (f32x4.add (local.get $one) (f32x4.mul (local.get $nD) (local.get $gD)))))
      (local.set $x (i32.add (local.get $x) (i32.const 64)))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $group (i32.lt_u (local.get $x) (local.get $end)))))

  ;; Mode 6 of `apply` (q = 2, float32-exact factors) in its own loop with its constants in locals,
  ;; 4 groups per iteration as in $applyInverseSqrt (up to 3 groups computed past the end).
  (func $applyScale
    (param $v i32) (param $m i32) (param $out i32) (param $end i32) (param $keptBase f32) (param $dropBase f32)
    (local $keptA v128) (local $keptB v128) (local $keptC v128) (local $keptD v128) (local $kb v128) (local $db v128) (local $zero v128)
    (local.set $kb (f32x4.splat (local.get $keptBase)))
    (local.set $db (f32x4.splat (local.get $dropBase)))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (loop $group
      (local.set $keptA (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $m)))) (local.get $zero)))
      (local.set $keptB (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=4 (local.get $m)))) (local.get $zero)))
      (local.set $keptC (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=8 (local.get $m)))) (local.get $zero)))
      (local.set $keptD (i32x4.gt_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero offset=12 (local.get $m)))) (local.get $zero)))
      (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $v)) (v128.bitselect (local.get $kb) (local.get $db) (local.get $keptA))))
      (v128.store offset=16 (local.get $out) (f32x4.mul (v128.load offset=16 (local.get $v)) (v128.bitselect (local.get $kb) (local.get $db) (local.get $keptB))))
      (v128.store offset=32 (local.get $out) (f32x4.mul (v128.load offset=32 (local.get $v)) (v128.bitselect (local.get $kb) (local.get $db) (local.get $keptC))))
      (v128.store offset=48 (local.get $out) (f32x4.mul (v128.load offset=48 (local.get $v)) (v128.bitselect (local.get $kb) (local.get $db) (local.get $keptD))))
      (local.set $v (i32.add (local.get $v) (i32.const 64)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $group (i32.lt_u (local.get $v) (local.get $end)))))
)
