/** The parts of the `mnist` package (cazala/mnist 1.1.0, 10,000 digits) this app uses. */
declare module 'mnist' {
  export interface Digit {
    id: number;
    /** Number of samples of this digit. */
    length: number;
    /** All samples of this digit, 784 pixel values in [0, 1] each, concatenated. */
    raw: ArrayLike<number>;
  }
}
