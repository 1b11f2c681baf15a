import { describe, expect, it } from 'vitest';
import * as windows from '../../src/windows/index.js';

describe('windows entry', () => {
  it('exports both windows', () => {
    expect(Object.keys(windows).sort()).toEqual(['countWindow', 'timeWindow']);
  });
});
