/**
 * @internal True when `test` holds for `error` or for an error it wraps: its `cause` chain
 * (undici's `TypeError: fetch failed` keeps the socket error there) and the `errors` of an
 * `AggregateError` (Node's connection attempts to several addresses). Depth-limited, so a
 * cyclic chain ends; never throws.
 */
export function someInChain(error: unknown, test: (error: object) => boolean, depth = 4): boolean {
  if (typeof error !== 'object' || error === null || depth < 0) return false;
  try {
    if (test(error)) return true;
    const { cause, errors } = error as { cause?: unknown; errors?: unknown };
    if (someInChain(cause, test, depth - 1)) return true;
    return Array.isArray(errors) && errors.some((inner) => someInChain(inner, test, depth - 1));
  } catch {
    return false;
  }
}

/** @internal The `code` of an error object when it is a string (Node system errors, axios, undici). */
export function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** @internal The `name` of an error object when it is a string. */
export function nameOf(error: object): string | undefined {
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
