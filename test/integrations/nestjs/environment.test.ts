import nestCore from '@nestjs/core/package.json' with { type: 'json' };
import terminus from '@nestjs/terminus/package.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { LIBRARY_BUILD } from './lib.js';

// nest12/ runs this same suite with NESTJS_SUITE=nest12: this test proves which NestJS and
// which build of the library each run actually loaded.
const nest12 = process.env.NESTJS_SUITE === 'nest12';

describe('the suite environment', () => {
  it('loads the NestJS major it runs for', () => {
    expect(nestCore.version.split('.')[0]).toBe(nest12 ? '12' : '11');
    expect(terminus.version.split('.')[0]).toBe(nest12 ? '12' : '11');
  });

  it('loads the library sources, or the packed package under NestJS 12', () => {
    expect(LIBRARY_BUILD).toBe(nest12 ? 'package' : 'source');
  });
});
