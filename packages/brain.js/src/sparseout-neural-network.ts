import { backwardKernel, forwardKernel, gradientSlope, type Seed } from '@sparseout/core';
import type { NeuralNetwork as BrainNeuralNetwork } from 'brain.js';
import { type ActivationName, activateInPlace, multiplyByDerivative } from './activations.js';
import { brain, brainMajor } from './brain.js';
import { drawMaskWith, maskWords } from './mask.js';
import { nextStep, type ResolvedSettings, resolveSettings, type SparseoutSettings } from './options.js';
import { type SparseoutSettingsJSON, settingsFromJSON, settingsToJSON } from './settings-json.js';
import { assertFiniteTrainingData } from './training-data.js';

export type { SparseoutSettingsJSON } from './settings-json.js';

const { NeuralNetwork, utilities } = brain;
const BrainNeuralNetworkPrototype = NeuralNetwork.prototype;

type NetworkOptions = NonNullable<ConstructorParameters<typeof BrainNeuralNetwork>[0]>;
type NetworkJSON = ReturnType<BrainNeuralNetwork<number[], number[]>['toJSON']>;
type FormattedDatum = Parameters<BrainNeuralNetwork<number[], number[]>['trainPattern']>[0];
type Data = number[] | Float32Array | Partial<Record<string, number>>;

/** `brain.NeuralNetwork`'s options plus `sparseout`. */
export interface SparseoutNeuralNetworkOptions extends NetworkOptions {
  /** Sparseout on every hidden layer's activations during training. Absent: plain NeuralNetwork. */
  sparseout?: SparseoutSettings;
}

/**
 * brain.js 1.6.x keeps the activation and its leaky-relu alpha on the net, 2.0.0-beta in `trainOpts`.
 * Both install the activation's forward pass as `runInput` when the net is initialized.
 */
interface ActivationSettings {
  activation?: string;
  leakyReluAlpha?: number;
  trainOpts: { activation?: string; leakyReluAlpha?: number };
  runInput: unknown;
}

/**
 * brain.js's activations: each option's forward pass (the NeuralNetwork method brain.js installs as
 * `runInput`) and the formula of activations.ts that it computes on the installed brain.js (1.6.x's
 * leaky-relu is its own, 'leaky-relu-1.6').
 */
const ACTIVATIONS: readonly (readonly [option: string, runInput: string, formula: ActivationName])[] = [
  ['sigmoid', '_runInputSigmoid', 'sigmoid'],
  ['relu', '_runInputRelu', 'relu'],
  ['leaky-relu', '_runInputLeakyRelu', brainMajor === 1 ? 'leaky-relu-1.6' : 'leaky-relu'],
  ['tanh', '_runInputTanh', 'tanh'],
];

/** The activation of one training pattern and its leaky-relu alpha. */
interface Activation {
  activation: ActivationName;
  leakyReluAlpha: number;
}

/**
 * The activation the training pass computes: the one `run` computes, told by the `runInput` brain.js
 * installed (a later `train` option `activation` changes the option, not `runInput`). The option is
 * the fallback for a net not initialized yet.
 */
function activationOf(net: ActivationSettings): Activation {
  const methods = net as unknown as Record<string, unknown>;
  const option = net.trainOpts.activation ?? net.activation ?? 'sigmoid';
  const known =
    ACTIVATIONS.find(([, runInput]) => net.runInput === methods[runInput]) ??
    ACTIVATIONS.find(([name]) => name === option);
  return {
    activation: known?.[2] ?? (option as ActivationName),
    leakyReluAlpha: net.trainOpts.leakyReluAlpha ?? net.leakyReluAlpha ?? 0.01,
  };
}

/**
 * A drop-in `brain.NeuralNetwork` that applies Sparseout (Khan & Stavness, 2019) to the
 * activations of every hidden layer during `train` and `trainAsync`: a seeded keep-mask (S4.2),
 * y = a (1 + n g) fed to the next layer (S2.3), and deltas taken back through the same mask and
 * gain (S3.1, or S3.2 with `gradient: 'exact'`) before the activation's derivative at a.
 * `run` and `test` are unchanged (S2.4). The masks of one training pattern are one Philox stream:
 * the hidden units of all layers numbered in order, with the step advancing by one per pattern
 * (S4.4), so training is reproducible from `sparseout.seed`. `toJSON`/`fromJSON` keep the option
 * and the step. Invalid settings throw core's SparseoutError (S1.4) from the constructor; training
 * data containing NaN or Infinity throws SPARSEOUT_INVALID_INPUT.
 */
export class SparseoutNeuralNetwork<
  InputType extends Data = Data,
  OutputType extends Data = Data,
> extends NeuralNetwork<InputType, OutputType> {
  /** The validated Sparseout settings, or null for a plain NeuralNetwork. */
  sparseoutSettings: ResolvedSettings | null;
  /** S4.4: the step of the next training pattern. */
  sparseoutStep: Seed = 0;
  /** Per hidden layer: the activation before Sparseout (a), and the keep-mask of the last pattern. */
  private hiddenActivations: Float32Array[] = [];
  private hiddenMasks: Uint8Array[] = [];
  private hiddenOffsets: number[] = [];

  constructor(options: Partial<SparseoutNeuralNetworkOptions> = {}) {
    const settings = options.sparseout === undefined ? null : resolveSettings(options.sparseout);
    super(options as NetworkOptions);
    this.sparseoutSettings = settings;
    this.sparseoutStep = 0;
  }

  override initialize(): void {
    super.initialize();
    this.hiddenActivations = [];
    this.hiddenMasks = [];
    this.hiddenOffsets = [];
    let offset = 0;
    for (let layer = 1; layer < this.outputLayer; layer++) {
      const size = this.sizes[layer];
      this.hiddenActivations[layer] = new Float32Array(size);
      this.hiddenMasks[layer] = new Uint8Array(size).fill(1);
      this.hiddenOffsets[layer] = offset;
      offset += size;
    }
  }

  /** brain.js's size checks, then S1.4: every input and output value must be finite. */
  override validateData(data: FormattedDatum[]): void {
    super.validateData(data);
    assertFiniteTrainingData(data);
  }

  /**
   * brain.js's formatting; on brain.js 1.6.x, which has no `validateData`, the S1.4 check of every
   * value runs here instead (2.0.0-beta calls `validateData` on the formatted data).
   */
  override formatData(
    data: Parameters<BrainNeuralNetwork<InputType, OutputType>['formatData']>[0],
  ): FormattedDatum[] {
    const formatted = super.formatData(data);
    if (typeof (BrainNeuralNetworkPrototype as { validateData?: unknown }).validateData !== 'function') {
      assertFiniteTrainingData(formatted);
    }
    return formatted;
  }

  /** One training pattern: the Sparseout forward pass, deltas through the masks, then learn. */
  override trainPattern(value: FormattedDatum, logErrorRate?: boolean): number | null {
    const settings = this.sparseoutSettings;
    if (settings === null || settings.probability === 0) return super.trainPattern(value, logErrorRate);
    const activation = activationOf(this as unknown as ActivationSettings);
    this.runInputTraining(value.input, settings, activation);
    this.calculateDeltasTraining(value.output, settings, activation);
    this.adjustWeights();
    this.sparseoutStep = nextStep(this.sparseoutStep);
    return logErrorRate ? utilities.mse(this.errors[this.outputLayer]) : null;
  }

  /** Forward with S2.3 on each hidden layer's activations; `outputs` hold y, `hiddenActivations` a. */
  private runInputTraining(
    input: Float32Array,
    settings: ResolvedSettings,
    { activation, leakyReluAlpha }: Activation = activationOf(this as unknown as ActivationSettings),
  ): void {
    const { probability, q, epsilon, seed } = settings;
    // One Philox stream per pattern (S4.4): its words once, each layer at its offset.
    const words = maskWords(probability, seed, this.sparseoutStep);
    this.outputs[0] = input;
    let incoming = input;
    for (let layer = 1; layer <= this.outputLayer; layer++) {
      const weights = this.weights[layer];
      const biases = this.biases[layer];
      const outputs = this.outputs[layer];
      for (let node = 0; node < outputs.length; node++) {
        const row = weights[node];
        let sum = biases[node];
        for (let k = 0; k < row.length; k++) sum += row[k] * incoming[k];
        outputs[node] = sum;
      }
      activateInPlace(activation, outputs, leakyReluAlpha);
      if (layer < this.outputLayer) {
        const a = this.hiddenActivations[layer];
        const mask = this.hiddenMasks[layer];
        a.set(outputs);
        drawMaskWith(mask, words, this.hiddenOffsets[layer]);
        forwardKernel(a, mask, probability, q, epsilon, outputs);
      }
      incoming = outputs;
    }
  }

  /**
   * Backward: errors[l] is the error at y (brain.js's sign, target - output); S3 takes it to a
   * through the mask and gain, then the activation's derivative at a gives the deltas.
   */
  private calculateDeltasTraining(
    target: Float32Array,
    settings: ResolvedSettings,
    { activation, leakyReluAlpha }: Activation = activationOf(this as unknown as ActivationSettings),
  ): void {
    const { probability, q, epsilon, gradient } = settings;
    const slope = gradientSlope(gradient, q);
    const last = this.outputLayer;
    const outputs = this.outputs[last];
    const errors = this.errors[last];
    const deltas = this.deltas[last];
    for (let node = 0; node < outputs.length; node++)
      deltas[node] = errors[node] = target[node] - outputs[node];
    multiplyByDerivative(activation, outputs, deltas, leakyReluAlpha);
    for (let layer = last - 1; layer >= 1; layer--) {
      const layerErrors = this.errors[layer];
      const layerDeltas = this.deltas[layer];
      const nextDeltas = this.deltas[layer + 1];
      const nextWeights = this.weights[layer + 1];
      layerErrors.fill(0);
      for (let k = 0; k < nextDeltas.length; k++) {
        const delta = nextDeltas[k];
        const row = nextWeights[k];
        for (let node = 0; node < layerErrors.length; node++) layerErrors[node] += delta * row[node];
      }
      const a = this.hiddenActivations[layer];
      backwardKernel(layerErrors, a, this.hiddenMasks[layer], probability, q, epsilon, slope, layerDeltas);
      multiplyByDerivative(activation, a, layerDeltas, leakyReluAlpha);
    }
  }

  /** brain.js's JSON with `options.sparseout` holding the settings, the seed and the step reached. */
  override toJSON(): NetworkJSON {
    const json = super.toJSON();
    const options = { ...json.options } as NetworkJSON['options'] & { sparseout?: SparseoutSettingsJSON };
    delete options.sparseout;
    const settings = this.sparseoutSettings;
    if (settings !== null) options.sparseout = settingsToJSON(settings, this.sparseoutStep);
    return { ...json, options };
  }

  /**
   * brain.js's fromJSON, then the saved Sparseout option (validated again) and its step. A JSON
   * with none (a plain brain.NeuralNetwork's) leaves this net's own option and step: fine-tuning.
   */
  override fromJSON(json: NetworkJSON): this {
    const saved = (json.options as { sparseout?: unknown } | undefined)?.sparseout;
    const { settings, step } = settingsFromJSON(saved, {
      settings: this.sparseoutSettings,
      step: this.sparseoutStep,
    });
    super.fromJSON(json);
    this.sparseoutSettings = settings;
    this.sparseoutStep = step;
    return this;
  }
}
