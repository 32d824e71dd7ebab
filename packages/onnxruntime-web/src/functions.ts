import { DEFAULT_EPSILON } from '@sparseout/core';
import { gainTimesNoiseNodes } from './gain-dispatch.js';
import {
  epsilonAttr,
  floatAttr,
  graphAttr,
  intAttr,
  intsAttr,
  makeNode,
  refAttr,
  stringAttr,
} from './onnx-builders.js';
import { AttributeType, DataType, type OnnxFunction, type OnnxGraph, type OnnxNode } from './onnx-types.js';

/** The custom domain of the Sparseout operators. */
export const SPARSEOUT_DOMAIN = 'ai.sparseout';
/** Version of the `ai.sparseout` operator set. */
export const SPARSEOUT_OPSET_VERSION = 1;
/** The `overload` of `ai.sparseout::Sparseout` that takes an explicit keep-mask (4th input). */
export const MASKED_OVERLOAD = 'masked';
/**
 * Lowest default-domain (ai.onnx) opset of a model that uses the `Sparseout` *function*: the body
 * needs CastLike (opset 15; GreaterOrEqual is 12). ORT resolves a function body's ops at the
 * model's opset (tried: a body importing opset 15 in an opset-13 model fails with "No Op
 * registered for CastLike with domain_version of 13"), so this is a requirement on the model. The
 * graph tools write Sparseout out as standard nodes in older models (inline-sparseout.ts).
 */
export const MIN_SPARSEOUT_OPSET = 15;
/** Lowest ai.onnx opset the graph tools accept: ORT only guarantees support from opset 7. */
export const MIN_MODEL_OPSET = 7;
/**
 * Highest ai.onnx opset the graph tools accept. Opset 22 revised every random op (RandomUniformLike,
 * RandomUniform, RandomNormal(Like), Bernoulli, Multinomial) and onnxruntime-web 1.30 has no kernel
 * for any of them at 22 ("Could not find an implementation for RandomUniformLike(22)"), while a
 * function body's ops resolve at the model's opset. Its Dropout-22 kernel runs, but its masks are
 * not independent draws (README, "What ORT-web 1.30 cannot express").
 */
export const MAX_MODEL_OPSET = 21;
/** Lowest ai.onnx opset for `SparseoutGrad`: it compares the `gradient` string with Equal-19. */
export const MIN_SPARSEOUT_GRAD_OPSET = 19;

const sparseoutAttributes = () => [floatAttr('q', 2), epsilonAttr(DEFAULT_EPSILON)];

/**
 * The scalars of S2.2 in the element type of `data`, from the caller's `q` and `epsilon`
 * attributes: `exponent_f` (k = (q - 2) / 2, a float scalar) and `eps`; and `data_abs` = |x|, the
 * one Abs pass the gain's branches share. Leaves `zero_f`, `one_f`, `two_f` and `q_f` in scope too.
 */
function gainScalarNodes(): OnnxNode[] {
  return [
    makeNode('Abs', ['data'], ['data_abs']),
    makeNode('Constant', [], ['q_f'], [refAttr('value_float', 'q', AttributeType.FLOAT)]),
    makeNode('Constant', [], ['eps_d'], [refAttr('value', 'epsilon', AttributeType.TENSOR)]),
    makeNode('Constant', [], ['one_f'], [floatAttr('value_float', 1)]),
    makeNode('Constant', [], ['two_f'], [floatAttr('value_float', 2)]),
    makeNode('Constant', [], ['zero_f'], [floatAttr('value_float', 0)]),
    makeNode('Sub', ['q_f', 'two_f'], ['q_minus_two_f']),
    makeNode('Div', ['q_minus_two_f', 'two_f'], ['exponent_f']),
    makeNode('CastLike', ['eps_d', 'data'], ['eps']),
  ];
}

/** `r`, `one` and `zero`: the ratio and the constants 1 and 0 cast to the element type of `data`. */
function typedScalarNodes(): OnnxNode[] {
  return [
    makeNode('CastLike', ['ratio', 'data'], ['r']),
    makeNode('CastLike', ['one_f', 'data'], ['one']),
    makeNode('CastLike', ['zero_f', 'data'], ['zero']),
  ];
}

/**
 * n = m / (1 - r) - 1 (S2.1) in the element type of `data`, from the bool `mask` and `ratio`;
 * also `rate_is_zero` (S2.4: r = 0 is the identity, whatever the mask).
 */
function noiseNodes(): OnnxNode[] {
  return [
    makeNode('CastLike', ['mask', 'data'], ['m']),
    ...typedScalarNodes(),
    makeNode('Equal', ['r', 'zero'], ['rate_is_zero']),
    makeNode('Sub', ['one', 'r'], ['keep_probability']),
    makeNode('Div', ['m', 'keep_probability'], ['m_scaled']),
    makeNode('Sub', ['m_scaled', 'one'], ['n']),
  ];
}

/**
 * Scalars: `r` (ratio in the element type), `perturb` (training_mode and r > 0), `effective_r`
 * (r when perturbing, else 0, S2.4), `keep_probability` = 1 - effective_r and `minus_one`. Four
 * run-time scalar kernels (Greater, And, Where, Sub); the rest folds to constants.
 */
function scalarNodes(): OnnxNode[] {
  return [
    ...typedScalarNodes(),
    makeNode('Constant', [], ['minus_one_f'], [floatAttr('value_float', -1)]),
    makeNode('CastLike', ['minus_one_f', 'data'], ['minus_one']),
    makeNode('Greater', ['r', 'zero'], ['rate_is_positive']),
    makeNode('And', ['training_mode', 'rate_is_positive'], ['perturb']),
    makeNode('Where', ['perturb', 'r', 'zero'], ['effective_r']),
    makeNode('Sub', ['one', 'effective_r'], ['keep_probability']),
  ];
}

/**
 * y = x * (1 + n * g) (S2.3) from the noise `n` when perturbing (training_mode and r > 0), else
 * y = x (S2.4). An `If` on the scalar `perturb`, not n = 0: 0 * g is NaN wherever g is infinite
 * (x = +-Infinity or an overflowing |x|^k for q > 2; x = 0 for q < 2 in float16, where epsilon
 * underflows to 0), so only a branch keeps inference exact. Tensor passes when perturbing: the
 * gain's (Abs, Add, its roots, Mul or Div), Add, Mul; none when not. `noise` (the nodes that
 * compute `n`) runs in the perturbing branch only: plain inference does not compute it.
 */
function forwardNodes(noise: OnnxNode[]): OnnxNode[] {
  const perturbed: OnnxGraph = {
    name: 'perturbed',
    node: [
      ...noise,
      ...gainTimesNoiseNodes('n', 'ng'),
      makeNode('Add', ['one', 'ng'], ['factor']),
      makeNode('Mul', ['data', 'factor'], ['perturbed_output']),
    ],
    output: [{ name: 'perturbed_output' }],
  };
  const unperturbed: OnnxGraph = {
    name: 'unperturbed',
    node: [makeNode('Identity', ['data'], ['unperturbed_output'])],
    output: [{ name: 'unperturbed_output' }],
  };
  return [
    makeNode(
      'If',
      ['perturb'],
      ['output'],
      [graphAttr('then_branch', perturbed), graphAttr('else_branch', unperturbed)],
    ),
  ];
}

/**
 * n = m / (1 - r) - 1 (S2.1) from the sampled bool `mask` as one affine pass over m: CastLike,
 * then a one-channel BatchNormalization (scale 1 / (1 - effective_r), bias -1, mean 0, variance 1,
 * epsilon 0, so y = m * scale - 1) on m viewed as [1, 1, size]. On ORT's CPU EP this is cheaper
 * than Where(mask, kept_n, -1), which makes three passes. Not perturbing, the scale is 1 and every
 * m is 1, so n = 0 exactly (S2.4).
 */
function sampledNoiseNodes(): OnnxNode[] {
  return [
    makeNode('CastLike', ['mask', 'data'], ['m']),
    makeNode('Constant', [], ['channel_view'], [intsAttr('value_ints', [1, 1, -1])]),
    makeNode('Constant', [], ['one_channel'], [intsAttr('value_ints', [1])]),
    makeNode('Reshape', ['m', 'channel_view'], ['m_channel']),
    makeNode('Div', ['one', 'keep_probability'], ['keep_scale']),
    makeNode('Reshape', ['keep_scale', 'one_channel'], ['bn_scale']),
    makeNode('Reshape', ['minus_one', 'one_channel'], ['bn_bias']),
    makeNode('Reshape', ['zero', 'one_channel'], ['bn_mean']),
    makeNode('Reshape', ['one', 'one_channel'], ['bn_variance']),
    makeNode(
      'BatchNormalization',
      ['m_channel', 'bn_scale', 'bn_bias', 'bn_mean', 'bn_variance'],
      ['n_channel'],
      [floatAttr('epsilon', 0)],
    ),
    makeNode('Shape', ['data'], ['data_shape']),
    // allowzero: an empty `data` has a 0 in its shape, which must not mean "copy that dimension".
    makeNode('Reshape', ['n_channel', 'data_shape'], ['n'], [intAttr('allowzero', 1)]),
  ];
}

/**
 * `ai.sparseout::Sparseout` version 1, sampling its own mask with ONNX RandomUniformLike (S4.5):
 * inputs `data`, `ratio` and `training_mode` (both required: ORT 1.30 cannot test an absent
 * function input, so the graph tools always wire them, with Dropout's defaults 0.5 and false);
 * outputs `output` and `mask` (bool, true = kept; all true when not training, as Dropout's);
 * attributes `q` (float, 2.0), `seed` (float, as RandomUniformLike's; optional) and `epsilon`
 * (a scalar float64 tensor, 1e-12). A unit is kept iff u >= ratio, u ~ U[0, 1) (S4.1).
 * `opset` (>= 15) is the ai.onnx opset the body imports: give the model's own, so the function
 * states the opset ORT resolves its ops at; every op of the body means the same from 15 on.
 */
export function sparseoutFunction(opset: number = MIN_SPARSEOUT_OPSET): OnnxFunction {
  return sparseoutOverload({
    opset,
    input: ['data', 'ratio', 'training_mode'],
    node: [
      // The sampler reads |x| (for its shape only), not `data`: ORT-web 1.30's WebGPU provider
      // hands a GPU node the wrong buffer when a graph input is read both by a CPU node (the
      // sampler has no WebGPU kernel) and by GPU nodes (README, "WebGPU"). |x| is computed anyway.
      makeNode(
        'RandomUniformLike',
        ['data_abs'],
        ['u'],
        [intAttr('dtype', DataType.FLOAT), refAttr('seed', 'seed', AttributeType.FLOAT)],
      ),
      // Keep iff u >= r (S4.1); with an effective rate of 0 when not perturbing, all are kept
      // (u >= 0), so a dropped unit only occurs when perturbing and its noise is -1.
      makeNode('CastLike', ['effective_r', 'u'], ['effective_r_f']),
      makeNode('GreaterOrEqual', ['u', 'effective_r_f'], ['mask']),
      ...forwardNodes(sampledNoiseNodes()),
    ],
    docString:
      'Sparseout (Khan & Stavness 2019): y = x * (1 + n * (|x| + epsilon)^((q - 2) / 2)), n = m / (1 - ratio) - 1, m ~ Bernoulli(1 - ratio); identity unless training_mode.',
  });
}

/**
 * The `masked` overload of `ai.sparseout::Sparseout`: the same op with a 4th input, an explicit
 * bool keep-mask (true = keep) of the shape of `data`, for deterministic use (S2, S4.5); `mask`
 * passes the given mask through.
 */
export function sparseoutMaskedFunction(opset: number = MIN_SPARSEOUT_OPSET): OnnxFunction {
  return sparseoutOverload({
    opset,
    overload: MASKED_OVERLOAD,
    input: ['data', 'ratio', 'training_mode', 'keep'],
    node: [
      // n of a kept unit, r / (1 - r) (S2.1); 0 when not perturbing, as effective_r is 0 (S2.4).
      ...forwardNodes([
        makeNode('Div', ['effective_r', 'keep_probability'], ['kept_n']),
        // An explicit mask may drop units when not perturbing: their noise must be 0 then (S2.4).
        makeNode('Where', ['perturb', 'minus_one', 'zero'], ['dropped_n']),
        makeNode('Where', ['keep', 'kept_n', 'dropped_n'], ['n']),
      ]),
      makeNode('Identity', ['keep'], ['mask']),
    ],
    docString:
      'Sparseout with an explicit keep-mask: y = x * (1 + n * g) where training_mode and ratio > 0, else x.',
  });
}

/**
 * What both overloads of `ai.sparseout::Sparseout` share: name, domain, outputs `output` and
 * `mask`, attributes `seed`, `q` and `epsilon`, the opset, and the scalars every body starts with
 * (gainScalarNodes, scalarNodes) ahead of `node`.
 */
function sparseoutOverload(parts: {
  opset: number;
  overload?: string;
  input: string[];
  node: OnnxNode[];
  docString: string;
}): OnnxFunction {
  return {
    name: 'Sparseout',
    ...(parts.overload === undefined ? {} : { overload: parts.overload }),
    domain: SPARSEOUT_DOMAIN,
    input: parts.input,
    output: ['output', 'mask'],
    attribute: ['seed'],
    attributeProto: sparseoutAttributes(),
    node: [...gainScalarNodes(), ...scalarNodes(), ...parts.node],
    opsetImport: [{ domain: '', version: parts.opset }],
    docString: parts.docString,
  };
}

/**
 * `ai.sparseout::SparseoutGrad(dy, data, mask, ratio) -> dx` (S3): attribute `gradient` is
 * 'reference' (default, S3.1: dx = dy * (1 + n * g)) or 'exact' (S3.2: dx = dy * (1 + n * q/2 * g)),
 * plus `q` and `epsilon` as in Sparseout.
 */
export function sparseoutGradFunction(): OnnxFunction {
  return {
    name: 'SparseoutGrad',
    domain: SPARSEOUT_DOMAIN,
    input: ['dy', 'data', 'mask', 'ratio'],
    output: ['dx'],
    attribute: [],
    attributeProto: [...sparseoutAttributes(), stringAttr('gradient', 'reference')],
    node: [
      ...gainScalarNodes(),
      ...noiseNodes(),
      makeNode('Constant', [], ['gradient_s'], [refAttr('value_string', 'gradient', AttributeType.STRING)]),
      makeNode('Constant', [], ['exact_s'], [stringAttr('value_string', 'exact')]),
      makeNode('Equal', ['gradient_s', 'exact_s'], ['is_exact']),
      makeNode('Div', ['q_f', 'two_f'], ['half_q_f']),
      makeNode('Where', ['is_exact', 'half_q_f', 'one_f'], ['gain_scale_f']),
      makeNode('CastLike', ['gain_scale_f', 'data'], ['gain_scale']),
      makeNode('Mul', ['n', 'gain_scale'], ['scaled_n']),
      ...gainTimesNoiseNodes('scaled_n', 'n_scaled_g'),
      makeNode('Add', ['one', 'n_scaled_g'], ['factor']),
      makeNode('Mul', ['dy', 'factor'], ['perturbed_dx']),
      // A NaN x gives a NaN dx where the gain depends on x (q != 2; S2.7) on every provider:
      // WebGPU's Pow is not NaN-preserving (WGSL may assume no NaN), so the gain of a NaN can come
      // out finite there. Equal(x, x) is false exactly at NaN, compared at run time by its own
      // kernel; `gain_is_k_0` (q = 2, g = 1) comes from gainTimesNoiseNodes.
      makeNode('Equal', ['data', 'data'], ['data_is_number']),
      makeNode('Or', ['data_is_number', 'gain_is_k_0'], ['gain_is_defined']),
      makeNode('Where', ['gain_is_defined', 'perturbed_dx', 'data'], ['checked_dx']),
      makeNode('Where', ['rate_is_zero', 'dy', 'checked_dx'], ['dx']),
    ],
    opsetImport: [{ domain: '', version: MIN_SPARSEOUT_GRAD_OPSET }],
    docString:
      'Gradient of Sparseout: dx = dy * (1 + n * c * g), c = 1 (reference) or q / 2 (exact); dy when ratio is 0.',
  };
}
