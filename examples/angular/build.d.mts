/** Bundles the Angular example (JIT, zoneless) and returns its JavaScript. */
export function buildExample(): Promise<string>;
