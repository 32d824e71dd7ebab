/** The `mnist` package (cazala/mnist): 10,000 digits, 784 pixels each in [0, 1], grouped by digit. */
declare module 'mnist' {
  const digits: import('./digits.js').MnistDigit[];
  export default digits;
}
