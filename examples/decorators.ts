/**
 * `@WithCircuitBreaker` on class methods (TC39 standard decorators; tsx/esbuild compile them).
 * NestJS and Angular projects use `experimentalDecorators`: the same decorator works there.
 * Run: npx tsx examples/decorators.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { CircuitBreakerRegistry, isCircuitOpenError, WithCircuitBreaker } from '../index.js';

// Decorated methods get their breakers from a registry (default: the process-wide defaultRegistry).
const registry = new CircuitBreakerRegistry({ defaults: { failureThreshold: 2, recoveryTimeout: 500, halfOpenMaxCalls: 1 } });
let inventoryUp = false;

class InventoryClient {
  calls = 0;

  /**
   * Promise-returning: one call per invocation. One retry after 50 ms; a rejection whose
   * break lasts longer than maxInterval (100 ms) is not waited for.
   */
  @WithCircuitBreaker('inventory', { registry, retry: { maxRetries: 1, initialInterval: 50, maxInterval: 100 } })
  async stock(sku: string): Promise<number> {
    this.calls++;
    if (!inventoryUp) throw new Error(`inventory down (${sku})`);
    return 7;
  }

  /** Observable-returning: stays an Observable, one call per subscription. */
  @WithCircuitBreaker('prices', { registry, returns: 'observable' })
  price(sku: string): Observable<number> {
    return sku === 'BROKEN' ? throwError(() => new Error('price service down')) : of(9.99);
  }
}

const client = new InventoryClient();
const show = (error: unknown) => (isCircuitOpenError(error) ? `rejected (${error.breakerName} is ${error.state})` : (error as Error).message);
const inventory = registry.get('inventory');

await client.stock('A-1').catch((error: unknown) => console.log('stock, service down  →', show(error), `| attempts: ${client.calls}, circuit ${inventory.state}`));
await client.stock('A-1').catch((error: unknown) => console.log('stock again          →', show(error), `| the method did not run (attempts: ${client.calls})`));
inventoryUp = true;
await sleep(500);
console.log('stock after 500 ms   →', await client.stock('A-1'), `| a half-open trial succeeded: circuit ${inventory.state}`);

console.log('price                →', await firstValueFrom(client.price('A-1')));
for (let i = 0; i < 2; i++) await firstValueFrom(client.price('BROKEN')).catch((error: unknown) => console.log('price of BROKEN      →', show(error)));
const price$ = client.price('A-1');
console.log('price() while open   → still an Observable:', price$ instanceof Observable);
await firstValueFrom(price$).catch((error: unknown) => console.log('subscribing to it    →', show(error)));
