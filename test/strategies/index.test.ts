import { describe, expect, it } from 'vitest';
import * as strategies from '../../src/strategies/index.js';

describe('strategies entry', () => {
  it('exports every trip strategy and nothing internal', () => {
    expect(Object.keys(strategies).sort()).toEqual(['anyOf', 'consecutiveFailures', 'failureRate', 'slowCallRate']);
  });
});
