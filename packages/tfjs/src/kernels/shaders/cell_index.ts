/**
 * S4.1 on a GPU: which mask cell of the noise shape an element of x reads. A shader gets the flat
 * index of its element; `cellGroups` collapses x's dims into runs that are all broadcast (the
 * noise shape is 1 there) or all drawn, so the shader divides once per run, not once per dim.
 */

/** A run of x's dims: its element count, and whether the noise shape is 1 over all of it. */
export interface CellGroup {
  size: number;
  broadcast: boolean;
}

/**
 * The runs of `shape` (x's) against `cellShape` (the noise shape, aligned to x's trailing dims as
 * tfjs broadcasts), outermost first, dims of size 1 dropped. Empty when every element has its own
 * cell (no broadcasting): then the cell index is the flat index.
 */
export function cellGroups(shape: ReadonlyArray<number>, cellShape: ReadonlyArray<number>): CellGroup[] {
  const pad = shape.length - cellShape.length;
  const groups: CellGroup[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const broadcast = (d < pad ? 1 : cellShape[d - pad]) === 1;
    const last = groups[groups.length - 1];
    if (last !== undefined && last.broadcast === broadcast) last.size *= shape[d];
    else groups.push({ size: shape[d], broadcast });
  }
  return groups.some((g) => g.broadcast) ? groups : [];
}

/**
 * The statements (GLSL or WGSL: the same integer syntax once declared) that turn `index` into
 * `cell`, for `groups` from cellGroups. `declare` declares a mutable int, e.g. 'int ' or 'var '.
 */
export function cellIndexCode(groups: ReadonlyArray<CellGroup>, declare: string): string {
  if (groups.length === 0) return `${declare}cell = index;`;
  const lines = [`${declare}rest = index;`, `${declare}cell = 0;`];
  let below = groups.reduce((p, g) => p * g.size, 1);
  let cellStride = groups.filter((g) => !g.broadcast).reduce((p, g) => p * g.size, 1);
  for (const group of groups) {
    below /= group.size;
    if (!group.broadcast) cellStride /= group.size;
    if (below === 1) {
      if (!group.broadcast) lines.push(`cell = cell + rest * ${cellStride};`);
      break;
    }
    if (group.broadcast) lines.push(`rest = rest - (rest / ${below}) * ${below};`);
    else
      lines.push(
        `cell = cell + (rest / ${below}) * ${cellStride};`,
        `rest = rest - (rest / ${below}) * ${below};`,
      );
  }
  return lines.join('\n    ');
}

/** A short key of the groups, for shader caches. */
export function cellGroupsKey(groups: ReadonlyArray<CellGroup>): string {
  return groups.map((g) => `${g.broadcast ? 'b' : 'd'}${g.size}`).join('_');
}
