import { BadGatewayException, Inject, Injectable } from '@nestjs/common';
import { WithCircuitBreaker } from '../../index.js';

export const UPSTREAM_URL = 'UPSTREAM_URL';

export interface Quote {
  text: string;
  at: string;
}

/** Calls the quotes service over HTTP. */
@Injectable()
export class QuotesClient {
  constructor(@Inject(UPSTREAM_URL) private readonly url: string) {}

  async random(): Promise<Quote> {
    const response = await fetch(`${this.url}/quote`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new BadGatewayException(`the quotes service answered ${response.status}`);
    return (await response.json()) as Quote;
  }

  /** The same call, guarded inside the provider: its breaker comes from the CircuitBreakerModule's registry. */
  @WithCircuitBreaker('quotes-service-client', { failureThreshold: 3, recoveryTimeout: 5_000 })
  async guardedRandom(): Promise<Quote> {
    return this.random();
  }
}
