import { describe, expect, it } from 'vitest';
import { coreAdapter } from './core-adapter.js';
import { validateAdapter } from './validate.js';

describe('validateAdapter', () => {
  it('accepts the core adapter', () => {
    expect(validateAdapter(coreAdapter)).toEqual([]);
  });

  it('names every missing member', () => {
    expect(validateAdapter(null)).toEqual(['the adapter must be an object, got null']);
    const problems = validateAdapter({
      name: 'x',
      backends: [],
      supports: { gradient: { reference: true } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'backends: a non-empty array of backend names is required',
        'supports.explicitMask: a boolean is required',
        'supports.gradient.exact: a boolean is required',
        'backward: a function is required when supports.gradient offers a mode',
        'forward: a function is required',
      ]),
    );
  });

  it('says so when the default export is a Promise (an adapter built asynchronously)', () => {
    expect(validateAdapter(Promise.resolve(coreAdapter))).toEqual([
      'the adapter must be an object, got a Promise: export the adapter object itself (do asynchronous work in setup, or await it at the top level before export default)',
    ]);
  });
});
