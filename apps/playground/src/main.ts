import { getKernelBackend } from '@sparseout/core';
import { BASE, selectTfjsBackend } from './backend.js';
import { ASSETS, decodeDigits } from './digits-format.js';
import { $ } from './dom.js';
import { mountNoisePanel } from './noise/panel.js';
import { mountTrainingPanel } from './training/panel.js';
import { mountUncertaintyPanel } from './uncertainty/panel.js';
import './style.css';

async function digits(path: string) {
  const response = await fetch(new URL(path, BASE));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return decodeDigits(new Uint8Array(await response.arrayBuffer()));
}

async function main(): Promise<void> {
  mountNoisePanel();
  const backend = await selectTfjsBackend();
  $('backend-tfjs').textContent = backend;
  $('backend-core').textContent = getKernelBackend();
  const [train, test] = await Promise.all([digits(ASSETS.trainDigits), digits(ASSETS.testDigits)]);
  mountTrainingPanel(train, test);
  mountUncertaintyPanel(test);
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('page-error').textContent = `The page failed to start: ${error}`;
  document.body.dataset.ready = 'failed';
  console.error(error);
});
