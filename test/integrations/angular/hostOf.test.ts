import { describe, expect, it } from 'vitest';
import { hostOf } from '../../../src/integrations/angular/hostOf.js';

describe('hostOf', () => {
  it('gives the host of an absolute URL, with a non-default port', () => {
    expect(hostOf('https://api.example.com/a?b=1', undefined)).toBe('api.example.com');
    expect(hostOf('http://127.0.0.1:4000/a', undefined)).toBe('127.0.0.1:4000');
    expect(hostOf('http://api.example.com:80/a', undefined)).toBe('api.example.com');
  });

  it('resolves a relative URL against the base', () => {
    expect(hostOf('/api/items', 'http://localhost:4200/app/')).toBe('localhost:4200');
  });

  it('gives null for a relative URL without a base, or a URL without a host', () => {
    expect(hostOf('/api/items', undefined)).toBeNull();
    expect(hostOf('data:text/plain,hi', undefined)).toBeNull();
  });
});
