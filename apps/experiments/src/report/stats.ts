/** Mean, sample standard deviation, min and max of a sample (sd 0 for a single value). */
export interface Summary {
  mean: number;
  sd: number;
  min: number;
  max: number;
  n: number;
}

/** Summarises a non-empty sample. */
export function summarize(values: number[]): Summary {
  const n = values.length;
  if (n === 0) throw new Error('summarize needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values), n };
}

/** Spearman rank correlation of two equally long samples (ties get their average rank). */
export function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
    const ranks = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1].value === order[i].value) j++;
      for (let k = i; k <= j; k++) ranks[order[k].index] = (i + j) / 2;
      i = j + 1;
    }
    return ranks;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mx = rx.reduce((a, b) => a + b, 0) / rx.length;
  const my = ry.reduce((a, b) => a + b, 0) / ry.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
