import { timingSafeEqual } from 'node:crypto';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';

export const ADMIN_TOKEN = 'ADMIN_TOKEN';

/**
 * Lets a request into the admin API when it carries the token: `Authorization: Bearer <token>`
 * (curl, scripts) or Basic auth with the token as password (a browser on the dashboard, which
 * asks for it once and then sends it with every request of the page).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(ADMIN_TOKEN) private readonly token: string) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const header = http.getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization ?? '';
    const [scheme = '', value = ''] = header.split(' ');
    const given = scheme === 'Bearer' ? value : scheme === 'Basic' ? Buffer.from(value, 'base64').toString().split(':').slice(1).join(':') : '';
    if (this.matches(given)) return true;
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('WWW-Authenticate', 'Basic realm="circuit breakers"');
    throw new UnauthorizedException('The admin API needs the admin token');
  }

  private matches(given: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
