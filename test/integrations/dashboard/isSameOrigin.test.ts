import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../../../src/integrations/dashboard/isSameOrigin.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('isSameOrigin', () => {
  it('accepts an Origin that names the Host', () => {
    expect(isSameOrigin(request({ host: 'ops.example.com:8080', origin: 'http://ops.example.com:8080' }))).toBe(true);
  });

  it("treats the scheme's default port and none as the same", () => {
    expect(isSameOrigin(request({ host: 'ops.example.com:443', origin: 'https://ops.example.com' }))).toBe(true);
  });

  it('compares host names without regard to case', () => {
    expect(isSameOrigin(request({ host: 'Ops.Example.com', origin: 'http://ops.example.com' }))).toBe(true);
  });

  it('accepts Sec-Fetch-Site: same-origin without Origin', () => {
    expect(isSameOrigin(request({ host: 'a.test', 'sec-fetch-site': 'same-origin' }))).toBe(true);
  });

  it.each([
    ['another host', { host: 'ops.example.com', origin: 'http://evil.example' }],
    ['another port', { host: 'ops.example.com:8080', origin: 'http://ops.example.com:8081' }],
    ['an opaque origin', { host: 'ops.example.com', origin: 'null' }],
    ['a non-HTTP origin', { host: 'ops.example.com', origin: 'file://ops.example.com' }],
    ['a same-site request', { host: 'ops.example.com', origin: 'http://ops.example.com', 'sec-fetch-site': 'same-site' }],
    ['no Host', { origin: 'http://ops.example.com' }],
    ['neither Origin nor Sec-Fetch-Site', { host: 'ops.example.com' }],
    ['Sec-Fetch-Site: none (typed in the address bar)', { host: 'ops.example.com', 'sec-fetch-site': 'none' }],
  ])('refuses %s', (_, headers: Record<string, string>) => {
    expect(isSameOrigin(request(headers))).toBe(false);
  });
});
