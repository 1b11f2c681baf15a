/** @internal The part of terminus's `HealthIndicatorService` the health indicator uses. */
export interface HealthSessions {
  check(key: string): {
    up(data: object): Record<string, unknown>;
    down(data: object): Record<string, unknown>;
  };
}

/**
 * @internal Terminus's `HealthIndicatorService` when `@nestjs/terminus` is installed (it is an
 * optional peer, loaded only here), else a stand-in that builds the same results.
 */
export async function loadHealthSessions(): Promise<HealthSessions> {
  try {
    const terminus = (await import('@nestjs/terminus')) as { HealthIndicatorService?: new () => HealthSessions };
    if (typeof terminus.HealthIndicatorService === 'function') return new terminus.HealthIndicatorService();
  } catch {
    // Not installed: nothing calls the indicator without terminus, but it still answers.
  }
  return {
    check: (key) => ({
      up: (data) => ({ [key]: { ...data, status: 'up' } }),
      down: (data) => ({ [key]: { ...data, status: 'down' } }),
    }),
  };
}
