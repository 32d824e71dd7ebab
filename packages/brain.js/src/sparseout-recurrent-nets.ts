import { brain } from './brain.js';
import { type SparseoutRecurrentOptions, withSparseout } from './sparseout-recurrent.js';

const { recurrent } = brain;

type Options<T extends abstract new (...args: never[]) => unknown> = NonNullable<ConstructorParameters<T>[0]>;

/** `brain.recurrent.RNN`'s options plus `sparseout`. */
export type SparseoutRNNOptions = Partial<Options<typeof recurrent.RNN>> & SparseoutRecurrentOptions;
/** `brain.recurrent.RNNTimeStep`'s options (shared by its LSTM and GRU siblings) plus `sparseout`. */
export type SparseoutRNNTimeStepOptions = Partial<Options<typeof recurrent.RNNTimeStep>> &
  SparseoutRecurrentOptions;

/** A drop-in `brain.recurrent.RNN` with Sparseout on each hidden layer's output (see `withSparseout`). */
export class SparseoutRNN extends withSparseout(recurrent.RNN, 'RNN') {
  constructor(options: SparseoutRNNOptions = {}) {
    super(options);
  }
}

/** A drop-in `brain.recurrent.LSTM` with Sparseout on each hidden layer's output (see `withSparseout`). */
export class SparseoutLSTM extends withSparseout(recurrent.LSTM, 'LSTM') {
  constructor(options: SparseoutRNNOptions = {}) {
    super(options);
  }
}

/** A drop-in `brain.recurrent.GRU` with Sparseout on each hidden layer's output (see `withSparseout`). */
export class SparseoutGRU extends withSparseout(recurrent.GRU, 'GRU') {
  constructor(options: SparseoutRNNOptions = {}) {
    super(options);
  }
}

/** A drop-in `brain.recurrent.RNNTimeStep` with Sparseout on each hidden layer's output. */
export class SparseoutRNNTimeStep extends withSparseout(recurrent.RNNTimeStep, 'RNNTimeStep') {
  constructor(options: SparseoutRNNTimeStepOptions = {}) {
    super(options);
  }
}

/** A drop-in `brain.recurrent.LSTMTimeStep` with Sparseout on each hidden layer's output. */
export class SparseoutLSTMTimeStep extends withSparseout(recurrent.LSTMTimeStep, 'LSTMTimeStep') {
  constructor(options: SparseoutRNNTimeStepOptions = {}) {
    super(options);
  }
}

/** A drop-in `brain.recurrent.GRUTimeStep` with Sparseout on each hidden layer's output. */
export class SparseoutGRUTimeStep extends withSparseout(recurrent.GRUTimeStep, 'GRUTimeStep') {
  constructor(options: SparseoutRNNTimeStepOptions = {}) {
    super(options);
  }
}
