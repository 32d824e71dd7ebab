import { type ActivationStats, activationStats, SparseoutError } from '@sparseout/core';
import { dispose, keep, Tensor } from '@tensorflow/tfjs-core';
import { Callback, LayersModel } from '@tensorflow/tfjs-layers';
import { SparseoutLayer } from './layer.js';
import { allLayers, type LayerCall, withLayerCalls } from './layer_calls.js';

/** Options of {@link sparsityMonitor}. */
export interface SparsityMonitorOptions {
  /**
   * A fixed batch of inputs (a tensor, or one per model input), run through the model in
   * inference mode at each measurement. The monitor does not dispose it.
   */
  probe: Tensor | Tensor[];
  /** Names of the Sparseout layers to watch (default: every Sparseout layer of the model). */
  layers?: string[];
  /**
   * Also measure after every `every`-th training batch (counted over the whole run), into that
   * batch's logs. Without it the monitor measures only at the end of each epoch, which it
   * always does.
   */
  every?: number;
  /** Called with each measurement's full S7.2 statistics (awaited). */
  onMeasure?: (measurement: SparsityMeasurement) => void | Promise<void>;
}

/** One measurement: S7.2's statistics of the activations entering each watched layer. */
export interface SparsityMeasurement {
  /** The epoch (from 0, as tfjs counts them). */
  epoch: number;
  /** The batch within the epoch, for a measurement after a batch; undefined at an epoch's end. */
  batch?: number;
  /** Per layer name: Hoyer sparsity, zero fractions, L_q norm (q of the layer), histogram. */
  layers: Record<string, ActivationStats>;
}

/** The log entries a measurement adds for a layer: `<name>/hoyer` (S7.1) and `<name>/zeros` (S7.2). */
export function sparsityLogNames(layerName: string): { hoyer: string; zeros: string } {
  return { hoyer: `${layerName}/hoyer`, zeros: `${layerName}/zeros` };
}

type Logs = Record<string, unknown>;

/**
 * A `model.fit` callback that watches what q does to activations: at the end of every epoch (and,
 * with `every`, after every N-th batch) it runs `probe` through the model in inference mode and
 * measures, for each Sparseout layer, the Hoyer sparsity (S7.1) and the fraction of exact zeros
 * (S7.2) of the activations entering it, over all the probe's values. The figures go into the
 * logs as `<layer name>/hoyer` and `<layer name>/zeros`, so they land in `model.fit`'s History
 * and in every callback after it (tfjs-vis's `fitCallbacks` too).
 *
 * A measurement costs one inference pass of the probe; Sparseout steps, BatchNormalization
 * statistics and every other state are left as they were, and no tensors leak.
 *
 * It is a `tf.Callback` (tfjs hands it the model): pass it alone or in an array of callbacks
 * whose first element is a `tf.Callback`, such as itself; wrap plain callback objects that follow
 * it in `new tf.CustomCallback(...)`. (tfjs wraps an array that starts with a plain object in
 * CustomCallbacks, which never receive the model; the monitor then throws SparseoutError.)
 */
export class SparsityMonitor extends Callback {
  private readonly probe: Tensor | Tensor[];
  private readonly names: string[] | undefined;
  private readonly every: number | undefined;
  private readonly onMeasure: SparsityMonitorOptions['onMeasure'];
  private watched: SparseoutLayer[] = [];
  private batches = 0;
  private epoch = 0;

  /** Throws SparseoutError (S1.4) on bad options. */
  constructor(options: SparsityMonitorOptions) {
    super();
    const { probe, names, every, onMeasure } = checkOptions(options);
    this.probe = probe;
    this.names = names;
    this.every = every;
    this.onMeasure = onMeasure;
  }

  /** Resolves the watched layers: throws SparseoutError if a name is not a Sparseout layer. */
  override async onTrainBegin(): Promise<void> {
    this.watched = watchedLayers(modelOf(this), this.names);
    this.batches = 0;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    modelOf(this);
    this.epoch = epoch;
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    this.epoch = epoch;
    await this.record(modelOf(this), logs);
  }

  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    const model = modelOf(this);
    this.batches++;
    if (this.every !== undefined && this.batches % this.every === 0) await this.record(model, logs, batch);
  }

  private async record(model: LayersModel, logs: Logs | undefined, batch?: number): Promise<void> {
    const layers = await measureInputs(model, this.watched, this.probe);
    if (logs) {
      for (const [name, stats] of Object.entries(layers)) {
        const key = sparsityLogNames(name);
        logs[key.hoyer] = stats.hoyer;
        logs[key.zeros] = stats.zeroFraction;
      }
    }
    await this.onMeasure?.({ epoch: this.epoch, ...(batch === undefined ? {} : { batch }), layers });
  }
}

/** Creates a {@link SparsityMonitor}, as `tf.callbacks.earlyStopping` creates an EarlyStopping. */
export function sparsityMonitor(options: SparsityMonitorOptions): SparsityMonitor {
  return new SparsityMonitor(options);
}

/** The model tfjs gave the monitor; a hook called on a CustomCallback wrapper has none. */
function modelOf(self: unknown): LayersModel {
  const model = self instanceof SparsityMonitor ? self.model : undefined;
  if (!(model instanceof LayersModel)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      'sparsityMonitor: tfjs gave the monitor no model. Pass it alone or first in the callbacks array ' +
        '(tfjs wraps an array that starts with a plain object in CustomCallbacks, which get no model); ' +
        'wrap plain callback objects in new tf.CustomCallback(...)',
    );
  }
  return model;
}

/** The Sparseout layers to watch: those named, or all of the model's; throws if there are none. */
function watchedLayers(model: LayersModel, names: string[] | undefined): SparseoutLayer[] {
  const all = allLayers(model).filter((l): l is SparseoutLayer => l instanceof SparseoutLayer);
  if (names === undefined) {
    if (all.length === 0) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        'sparsityMonitor: the model has no Sparseout layer',
      );
    }
    return all;
  }
  return names.map((name) => {
    const layer = all.find((l) => l.name === name);
    if (!layer) {
      throw new SparseoutError(
        'SPARSEOUT_INVALID_INPUT',
        `sparsityMonitor: the model has no Sparseout layer named ${JSON.stringify(name)} (it has ${
          all.map((l) => JSON.stringify(l.name)).join(', ') || 'none'
        })`,
      );
    }
    return layer;
  });
}

/**
 * Runs `probe` through `model` in inference mode, keeping a copy of what enters each layer of
 * `layers` (all of it, if a layer is called more than once), and returns S7.2's statistics of
 * those values per layer name, with the layer's q for the L_q norm.
 */
export async function measureInputs(
  model: LayersModel,
  layers: SparseoutLayer[],
  probe: Tensor | Tensor[],
): Promise<Record<string, ActivationStats>> {
  const captured = new Map<SparseoutLayer, Tensor[]>(layers.map((l) => [l, []]));
  const capture =
    (layer: SparseoutLayer) =>
    (own: LayerCall) =>
    (inputs: Tensor | Tensor[], kwargs: Parameters<LayerCall>[1]) => {
      captured.get(layer)?.push(keep((Array.isArray(inputs) ? inputs[0] : inputs).clone()));
      return own(inputs, kwargs);
    };
  try {
    const rows = (Array.isArray(probe) ? probe[0] : probe).shape[0];
    const out = withLayerCalls(new Map(layers.map((l) => [l, capture(l)])), () =>
      model.predict(probe, { batchSize: rows }),
    );
    dispose(out);
    const result: Record<string, ActivationStats> = {};
    for (const [layer, tensors] of captured) {
      const parts = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
      const values = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const part of parts) {
        values.set(part, offset);
        offset += part.length;
      }
      result[layer.name] = activationStats(values, { q: layer.q });
    }
    return result;
  } finally {
    for (const tensors of captured.values()) dispose(tensors);
  }
}

/** S1.4: the options checked when the monitor is created. */
function checkOptions(options: SparsityMonitorOptions) {
  const invalid = (message: string) =>
    new SparseoutError('SPARSEOUT_INVALID_INPUT', `sparsityMonitor: ${message}`);
  if (options === null || typeof options !== 'object')
    throw invalid(`options must be an object, got ${String(options)}`);
  const { probe, layers, every, onMeasure } = options;
  const probes = Array.isArray(probe) ? probe : [probe];
  if (probes.length === 0 || !probes.every((t) => t instanceof Tensor && t.rank > 0 && t.shape[0] > 0)) {
    throw invalid('probe must be a tf.Tensor with at least one row, or an array of them');
  }
  if (layers !== undefined && !(Array.isArray(layers) && layers.every((n) => typeof n === 'string'))) {
    throw invalid('layers must be an array of layer names');
  }
  if (every !== undefined && (!Number.isSafeInteger(every) || every < 1)) {
    throw invalid(`every must be an integer >= 1, got ${String(every)}`);
  }
  if (onMeasure !== undefined && typeof onMeasure !== 'function') {
    throw invalid(`onMeasure must be a function, got ${typeof onMeasure}`);
  }
  return { probe, names: layers, every, onMeasure };
}
