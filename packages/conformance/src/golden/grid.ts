/** The golden-vector grid: every rate x q, for float32 and float64, 1-D to 4-D shapes. */
export const GOLDEN_RATES = [0, 0.1, 0.5, 0.9] as const;
export const GOLDEN_QS = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4] as const;
export const GOLDEN_DTYPES = ['float32', 'float64'] as const;

/** The special inputs: zero, tiny, small, medium, unit, large, each with both signs, and NaN. */
export const SPECIAL_INPUTS = [0, 1e-8, -1e-8, 1e-3, -1e-3, 0.5, -0.5, 1, -1, 3, -3, 100, -100, NaN, 2, -2];

/** 64 elements per case, laid out in one of these shapes (cycled over the cases). */
export const GOLDEN_SHAPES = [[64], [8, 8], [4, 4, 4], [2, 4, 2, 4]];
export const GOLDEN_LENGTH = 64;
