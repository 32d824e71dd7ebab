/**
 * The gain g = (|x| + e)^((q - 2) / 2) of S2.2 as a function of t = |x| + e, chosen once per call
 * so the element loops never branch on q. q = 0, 1, 2, 3, 4 avoid Math.pow.
 */
export type GainFunction = (t: number) => number;

const gainQ0: GainFunction = (t) => 1 / t;
const gainQ1: GainFunction = (t) => 1 / Math.sqrt(t);
const gainQ2: GainFunction = () => 1;
const gainQ3: GainFunction = (t) => Math.sqrt(t);
const gainQ4: GainFunction = (t) => t;

/** S2.2: the gain function for exponent q (q already validated). */
export function gainFor(q: number): GainFunction {
  switch (q) {
    case 0:
      return gainQ0;
    case 1:
      return gainQ1;
    case 2:
      return gainQ2;
    case 3:
      return gainQ3;
    case 4:
      return gainQ4;
    default: {
      const power = (q - 2) / 2;
      return (t) => t ** power;
    }
  }
}
