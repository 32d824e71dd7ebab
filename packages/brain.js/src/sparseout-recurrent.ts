import type { Seed } from '@sparseout/core';
import { nextStep, type ResolvedSettings, resolveSettings, type SparseoutSettings } from './options.js';
import { type SparseoutSettingsJSON, settingsFromJSON, settingsToJSON } from './settings-json.js';
import {
  insertSparseout,
  type RecurrentEquation,
  type RecurrentMatrix,
  type SparseoutRun,
  type SparseoutState,
} from './sparseout-equation.js';

/** What Sparseout uses of a brain.js recurrent net (`brain.recurrent.RNN` and its five subclasses). */
interface RecurrentNet {
  model: unknown;
  bindEquation(): void;
  // biome-ignore lint/suspicious/noExplicitAny: RNN and RNNTimeStep take different patterns.
  trainPattern(input: any, logErrorRate?: boolean): unknown;
  toJSON(): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: each class has its own JSON type.
  fromJSON(json: any): unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: a TypeScript mixin's constructor must take any[].
type RecurrentConstructor = new (...args: any[]) => RecurrentNet;

/** `sparseout` in a recurrent net's options: the Sparseout settings of every hidden layer's output. */
export interface SparseoutRecurrentOptions {
  /** Sparseout on each hidden layer's output where it feeds the next layer (S2.3). Absent: the plain net. */
  sparseout?: SparseoutSettings;
}

/** The brain.js state a Sparseout net reads: the model's time steps, in 1.6.x's and 2.0.0-beta's shared shape. */
interface RecurrentModel {
  equations: RecurrentEquation[];
  equationConnections: RecurrentMatrix[][];
}

/** The time steps bound for training, with Sparseout in them, and the model they were bound for. */
export interface SparseoutGraph extends RecurrentModel {
  model: RecurrentModel;
  /** Per time step, the Sparseout states of its hidden layers, in layer order. */
  states: SparseoutState[][];
}

interface JSONWithOptions {
  type?: string;
  options?: Record<string, unknown>;
}

/**
 * Adds Sparseout (Khan & Stavness, 2019) to a brain.js recurrent class. brain.js binds one
 * `Equation` per time step (`bindEquation`); this keeps two sets of them. Training (`trainPattern`,
 * which `train` calls for each sequence) runs on time steps bound with a Sparseout state after each
 * hidden layer's output (see `insertSparseout`); `run`, `forecast`, `test` and `toFunction` run
 * brain.js's own time steps, untouched (S2.4: Sparseout is the identity at inference). Both sets
 * share the model's matrices, so training changes the weights that `run` uses.
 *
 * The keep-masks of one training sequence are one Philox stream (S4.2): the hidden units of all
 * layers numbered in order, time step after time step; the step advances by one per sequence
 * (S4.4), so a training run is reproducible from `sparseout.seed` and the initial weights.
 * With probability 0 (or no `sparseout`) training is brain.js's own.
 */
export function withSparseout<TBase extends RecurrentConstructor>(Base: TBase, baseName: string) {
  return class SparseoutRecurrent extends Base {
    /** The validated Sparseout settings, or null for the plain brain.js net. */
    declare sparseoutSettings: ResolvedSettings | null;
    /** S4.4: the step of the next training sequence. */
    declare sparseoutStep: Seed;
    /** The time steps bound for training (null until the first training sequence). */
    declare sparseoutGraph: SparseoutGraph | null;
    /** What the Sparseout states read: the settings and the step of the sequence being trained. */
    declare sparseoutRun: SparseoutRun | null;

    // biome-ignore lint/suspicious/noExplicitAny: the mixin constructor signature TypeScript requires.
    constructor(...args: any[]) {
      const options = (args[0] ?? {}) as Record<string, unknown>;
      const settings =
        options.sparseout === undefined ? null : resolveSettings(options.sparseout as SparseoutSettings);
      const { sparseout: _sparseout, json, ...rest } = options;
      super(rest);
      this.sparseoutSettings = settings;
      this.sparseoutStep = 0;
      this.sparseoutGraph = null;
      this.sparseoutRun = null;
      if (json !== undefined) this.fromJSON(json as Parameters<InstanceType<TBase>['fromJSON']>[0]);
    }

    /** brain.js's time step; while training with Sparseout, with a Sparseout state on each hidden output. */
    override bindEquation(): void {
      super.bindEquation();
      const graph = this.sparseoutGraph;
      const model = this.model as unknown as RecurrentModel;
      if (!graph || !this.sparseoutRun || model.equations !== graph.equations) return;
      const time = model.equations.length - 1;
      const hidden = model.equationConnections[time];
      let units = 0;
      for (const h of hidden) units += h.weights.length;
      const offsets: number[] = [];
      let offset = time * units;
      for (const h of hidden) {
        offsets.push(offset);
        offset += h.weights.length;
      }
      const run = () => this.sparseoutRun as SparseoutRun;
      graph.states.push(insertSparseout(model.equations[time], hidden, offsets, run));
    }

    /** One training sequence: brain.js's, on the Sparseout time steps (S2.3, S3), then the step advances. */
    // biome-ignore lint/suspicious/noExplicitAny: brain.js's RNN and RNNTimeStep take different patterns.
    override trainPattern(input: any, logErrorRate?: boolean): any {
      const settings = this.sparseoutSettings;
      const model = this.model as unknown as RecurrentModel | null;
      if (settings === null || settings.probability === 0 || !model) {
        return super.trainPattern(input, logErrorRate);
      }
      let graph = this.sparseoutGraph;
      if (graph === null || graph.model !== model) {
        graph = { model, equations: [], equationConnections: [], states: [] };
        this.sparseoutGraph = graph;
      }
      const inference = { equations: model.equations, equationConnections: model.equationConnections };
      model.equations = graph.equations;
      model.equationConnections = graph.equationConnections;
      this.sparseoutRun = { settings, step: this.sparseoutStep };
      let result: unknown;
      try {
        result = super.trainPattern(input, logErrorRate);
      } finally {
        this.sparseoutRun = null;
        model.equations = inference.equations;
        model.equationConnections = inference.equationConnections;
      }
      this.sparseoutStep = nextStep(this.sparseoutStep);
      // brain.js's run checks that a time step is bound, and toFunction reads the second one.
      while (model.equations.length < 2) this.bindEquation();
      return result;
    }

    /** brain.js's JSON, typed as the brain.js class, with `options.sparseout` (settings, seed, step). */
    override toJSON(): ReturnType<InstanceType<TBase>['toJSON']> {
      const json = super.toJSON() as ReturnType<InstanceType<TBase>['toJSON']> & JSONWithOptions;
      const options: Record<string, unknown> = { ...json.options };
      delete options.sparseout;
      if (this.sparseoutSettings !== null) {
        options.sparseout = settingsToJSON(
          this.sparseoutSettings,
          this.sparseoutStep,
        ) satisfies SparseoutSettingsJSON;
      }
      return { ...json, type: baseName, options };
    }

    /**
     * brain.js's fromJSON, then the saved Sparseout option (validated again, S1.4) and its step.
     * A JSON with none (a plain brain.js net's) leaves this net's own option and step: fine-tuning.
     */
    override fromJSON(json: Parameters<InstanceType<TBase>['fromJSON']>[0]): this {
      const saved = json as unknown as JSONWithOptions;
      const { sparseout, ...options } = saved.options ?? {};
      const { settings, step } = settingsFromJSON(sparseout, {
        settings: this.sparseoutSettings,
        step: this.sparseoutStep,
      });
      super.fromJSON({ ...saved, options } as Parameters<InstanceType<TBase>['fromJSON']>[0]);
      this.sparseoutSettings = settings;
      this.sparseoutStep = step;
      this.sparseoutGraph = null;
      this.sparseoutRun = null;
      return this;
    }
  };
}
