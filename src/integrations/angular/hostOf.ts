/**
 * @internal The host (`URL.host`: hostname, and the port when it is not the scheme's
 * default) of `url` resolved against `base`, or null when it cannot be resolved (a relative
 * URL without a base).
 */
export function hostOf(url: string, base: string | undefined): string | null {
  try {
    const host = new URL(url, base).host;
    return host.length > 0 ? host : null;
  } catch {
    return null;
  }
}
