import type { Tensor } from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';

type Layer = layers.Layer;
type Kwargs = Parameters<Layer['call']>[1];

/** A layer's `call`, as tfjs-layers' executor invokes it (through `Layer.apply`). */
export type LayerCall = (inputs: Tensor | Tensor[], kwargs: Kwargs) => Tensor | Tensor[];

/** The layers a layer holds: a model's `layers`, a wrapper's `layer` (tf.layers.timeDistributed, tf.layers.bidirectional, whose calls go to its `forwardLayer` and `backwardLayer`). */
function innerLayers(layer: Layer): Layer[] {
  const held = layer as {
    layers?: unknown;
    layer?: unknown;
    forwardLayer?: unknown;
    backwardLayer?: unknown;
  };
  const inner = Array.isArray(held.layers) ? [...held.layers] : [];
  inner.push(held.layer, held.forwardLayer, held.backwardLayer);
  return inner.filter((l): l is Layer => l instanceof layers.Layer);
}

/**
 * Every layer of `model` in the order of its `layers` list, descending into nested models (a
 * Sequential used as a layer of a functional model) and wrappers (a Sparseout layer inside
 * tf.layers.timeDistributed), each layer once.
 */
export function allLayers(model: Layer): Layer[] {
  const seen = new Set<Layer>();
  const visit = (layer: Layer) => {
    if (seen.has(layer)) return;
    seen.add(layer);
    for (const child of innerLayers(layer)) visit(child);
  };
  const top = (model as { layers?: unknown }).layers;
  for (const layer of Array.isArray(top) ? (top as Layer[]) : []) visit(layer);
  return [...seen];
}

/**
 * Runs `body` with each listed layer's `call` replaced (`replace` gets the layer's own `call`),
 * then restores them, also when `body` throws. Synchronous on purpose: nothing else can run the
 * model while its layers are replaced. This is how a single layer's behaviour changes for one
 * forward pass without touching the others, which a `training` flag given to the model cannot do
 * (tfjs-layers passes it to every layer).
 */
export function withLayerCalls<T>(
  replacements: ReadonlyMap<Layer, (own: LayerCall) => LayerCall>,
  body: () => T,
): T {
  const restore: (() => void)[] = [];
  try {
    for (const [layer, replace] of replacements) {
      const target = layer as unknown as { call: LayerCall };
      const hadOwn = Object.hasOwn(target, 'call');
      const previous = target.call;
      target.call = replace(previous.bind(layer));
      restore.push(() => {
        if (hadOwn) target.call = previous;
        else delete (target as { call?: LayerCall }).call;
      });
    }
    return body();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}
