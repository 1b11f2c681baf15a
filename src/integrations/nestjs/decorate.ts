import type { InjectionToken } from '@nestjs/common';
import { Inject } from '@nestjs/common';

// The library is built by esbuild and tested under oxc, neither of which emits decorator
// metadata, and the root tsconfig uses standard decorators: so Nest's decorators are applied
// here as plain function calls, and every constructor parameter names its token.

type AnyClass = abstract new (...args: never[]) => unknown;

/** @internal `constructor(@Inject(a) x, @Inject(b) y)` for `cls`. */
export function injectParams(cls: AnyClass, tokens: readonly InjectionToken[]): void {
  tokens.forEach((token, index) => Inject(token)(cls, undefined, index));
}

/** @internal Applies method (and parameter) decorators to `cls.prototype[key]`, as `@A() @B() key()` would: the last runs first. */
export function decorateMethod(
  cls: AnyClass,
  key: string,
  decorators: readonly MethodDecorator[],
  params: ReadonlyArray<readonly [index: number, decorator: ParameterDecorator]> = [],
): void {
  const proto = cls.prototype as object;
  for (const [index, decorator] of params) decorator(proto, key, index);
  let descriptor = Object.getOwnPropertyDescriptor(proto, key);
  if (descriptor === undefined) throw new TypeError(`${cls.name} has no method ${key}`);
  for (const decorator of [...decorators].reverse()) {
    descriptor = (decorator(proto, key, descriptor) as PropertyDescriptor | undefined) ?? descriptor;
  }
  Object.defineProperty(proto, key, descriptor);
}
