import * as ort from 'onnxruntime-web';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mcPredict } from './mc-predict.js';
import { modelAt } from './models.testkit.js';
import { floatTensor, makeNode, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const SIZE = 64;
const model = () =>
  replaceDropout(
    modelAt(17, {
      name: 'drop',
      node: [makeNode('Dropout', ['x', 'ratio'], ['y'], [], { name: 'drop' })],
      initializer: [floatTensor('ratio', [], [0.5])],
      input: [tensorInfo('x', DataType.FLOAT, [SIZE])],
      output: [tensorInfo('y', DataType.FLOAT, [SIZE])],
    }),
    { q: 1.5 },
  );
const feeds = () => ({ x: new ort.Tensor('float32', new Float32Array(SIZE).fill(1), [SIZE]) });

// Every session ORT creates in a test, recorded through the real InferenceSession.create.
const create = ort.InferenceSession.create;
let created: ort.InferenceSession[] = [];
afterEach(() => {
  ort.InferenceSession.create = create;
});
function recordSessions() {
  created = [];
  ort.InferenceSession.create = (async (...args: Parameters<typeof create>) => {
    const session = await (create as (...a: unknown[]) => Promise<ort.InferenceSession>)(...args);
    created.push(session);
    return session;
  }) as typeof create;
}

/** Whether ORT still runs `session` (a released one rejects). */
const alive = (session: ort.InferenceSession) =>
  session.run(feeds()).then(
    () => true,
    () => false,
  );

describe("releasing a session releases mcPredict's sampling sessions for it", () => {
  it('after mcPredict (unseeded: a cached sampling session) session.release() leaves no session of ORT alive', async () => {
    // ORT-web frees a session's wasm memory only on release: a sampling session left alive kept
    // its own copy of the weights (measured: create, mcPredict, release of a 4 MiB model grew the
    // process by 228 MiB over 20 rounds).
    recordSessions();
    const session = await createSparseoutSession(model());
    await mcPredict(session, feeds(), { samples: 2 });
    await mcPredict(session, feeds(), { samples: 2, seed: 1 });
    expect(created.length).toBe(3);
    expect(await alive(created[1])).toBe(true);
    await session.release();
    expect(await Promise.all(created.map(alive))).toEqual([false, false, false]);
  });
});
