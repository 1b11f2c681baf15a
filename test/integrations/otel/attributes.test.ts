import { describe, expect, it } from 'vitest';
import { errorType } from '../../../src/integrations/otel/attributes.js';

class HttpError extends Error {}

describe('errorType', () => {
  it.each([
    ['the name of a built-in error', new TypeError('x'), 'TypeError'],
    ['the class name of a subclass that kept the name Error', new HttpError('x'), 'HttpError'],
    ['Error for a plain Error', new Error('x'), 'Error'],
    ['the name of an error-like object', { name: 'AbortError' }, 'AbortError'],
    ['Error for a plain object named Error', { name: 'Error' }, 'Error'],
    ['_OTHER for a thrown string', 'boom', '_OTHER'],
    ['_OTHER for an object without name or class', Object.create(null), '_OTHER'],
    ['_OTHER for null', null, '_OTHER'],
  ])('gives %s', (_what, error, expected) => {
    expect(errorType(error)).toBe(expected);
  });
});
