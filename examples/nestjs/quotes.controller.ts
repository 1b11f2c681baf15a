import { Controller, Get, Inject } from '@nestjs/common';
import { of } from 'rxjs';
import { UseCircuitBreaker } from '../../src/integrations/nestjs/index.js';
import type { Quote } from './quotes.client.js';
import { QuotesClient } from './quotes.client.js';

let lastGood: Quote | undefined;

@Controller('quotes')
export class QuotesController {
  constructor(@Inject(QuotesClient) private readonly quotes: QuotesClient) {}

  /** 502 while the service fails, then 503 + Retry-After while the circuit is open. */
  @Get('random')
  @UseCircuitBreaker('quotes-service', { failureThreshold: 3, recoveryTimeout: 5_000, halfOpenMaxCalls: 1 })
  async random(): Promise<Quote> {
    return (lastGood = await this.quotes.random());
  }

  /** The same call with a fallback: the last good quote while the service fails or the circuit is open. */
  @Get('cached')
  @UseCircuitBreaker('quotes-service-cached', {
    failureThreshold: 3,
    recoveryTimeout: 5_000,
    halfOpenMaxCalls: 1,
    retry: { maxRetries: 1, initialInterval: 100 },
    fallback: (_error, { reason }) => of({ ...(lastGood ?? { text: 'No quote yet.', at: '' }), stale: true, reason }),
  })
  async cached(): Promise<Quote> {
    return (lastGood = await this.quotes.random());
  }

  /** Guarded by @WithCircuitBreaker on the provider method instead. */
  @Get('client')
  client(): Promise<Quote> {
    return this.quotes.guardedRandom();
  }
}
