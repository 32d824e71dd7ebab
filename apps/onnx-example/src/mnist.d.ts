/** The `mnist` package (cazala/mnist): 10,000 digits, 784 pixels each in [0, 1], grouped by digit. */
declare module 'mnist' {
  interface Digit {
    id: number;
    /** Number of samples of this digit. */
    length: number;
    /** All samples' pixels, concatenated (784 per sample). */
    raw: number[];
  }
  const digits: Digit[];
  export default digits;
}
