/**
 * Branch-free mask lookups for the S2/S3 loops: a 256-entry table indexed by the mask byte, entry 0
 * for a dropped unit and every other entry for a kept one (`mask[i] !== 0` keeps, S2.1). A random
 * mask makes `mask[i] !== 0 ? a : b` mispredict half the time; a table load does not branch.
 * The kernels are synchronous and never nest, so each owns one module-level table.
 */
export function noiseTable(table: Float64Array, kept: number, dropped: number): Float64Array {
  table.fill(kept);
  table[0] = dropped;
  return table;
}
