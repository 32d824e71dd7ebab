import { it } from 'vitest';
import { windowDataset } from './data/tensors.js';
import { buildLstm } from './models/lstm.js';
import { useBackend } from './tf/backend.js';
import { trainEpochs } from './tf/train.js';
import { perplexity } from './tf/evaluate.js';
import { loadAddresses, splitByAddress } from './data/sotu.js';
import { buildVocabulary, encode, normalizeText, windowsAt, consecutiveStarts } from './data/characters.js';
import { SeededRandom } from './random.js';

it('probe', async () => {
  await useBackend('wasm');
  const split = splitByAddress(loadAddresses(), { seed: 11, validation: 0.1, test: 0.1 });
  const text = (a: typeof split.train) => a.map((x) => normalizeText(x.text)).join(' ');
  const trainText = text(split.train);
  const vocab = buildVocabulary(trainText, 100);
  const codes = encode(trainText, vocab).subarray(0, 150_001);
  const tr = windowsAt(codes, consecutiveStarts(codes, 16, 1e9), 16);
  const vcodes = encode(text(split.validation), vocab);
  const r = new SeededRandom(5);
  const vstarts = Array.from({ length: 1024 }, () => r.int(vcodes.length - 17));
  const va = windowsAt(vcodes, vstarts, 16);
  const train = windowDataset(tr, vocab.size);
  const val = windowDataset(va, vocab.size);
  console.log('windows', tr.count, 'vocab', vocab.size);
  for (const rate of [0, 0.25]) {
    const m = buildLstm({ timeSteps: 16, vocabularySize: vocab.size, units: 64, noise: { kind: 'sparseout', rate, q: 2, seed: 1 }, seed: 1, learningRate: 1e-2 });
    for (let e = 0; e < 20; e++) {
      const c0 = process.cpuUsage(); const t0 = performance.now();
      const res = await trainEpochs(m, train, { epochs: 1, batchSize: 128, seed: 1 + e * 1000 });
      const p = await perplexity(m, val);
      const c = process.cpuUsage(c0);
      console.log(`lstm rate ${rate} epoch ${e} loss ${res.epochLoss[0].toFixed(4)} trainppl ${Math.exp(res.epochLoss[0]).toFixed(3)} valppl ${p.toFixed(3)} wall ${((performance.now()-t0)/1000).toFixed(2)} cpu ${((c.user+c.system)/1e6).toFixed(2)}`);
    }
    m.dispose();
  }
}, 3_600_000);
