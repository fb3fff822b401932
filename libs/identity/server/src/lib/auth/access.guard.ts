import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isWithin } from '@hutong/platform-model';
import type { Request } from 'express';
import type { Principal } from '@hutong/platform-server';
import { badRequest, coded, forbidden, notFound } from '@hutong/platform-server';
import { ACCESS_KEY, AccessResolvers, PUBLIC_KEY, type AccessRule } from '@hutong/platform-server';
import { AuthService, SESSION_COOKIE } from './auth.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The global guard: a valid session, a role the endpoint allows, and — when the endpoint acts on
 * an organisation — that organisation inside the caller's jurisdiction.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly resolvers: AccessResolvers,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();

    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const principal = token
      ? await this.auth.principalForToken(token, req.ip ?? null, req.get('user-agent') ?? null)
      : null;
    if (!principal) throw coded('auth.required');
    req.principal = principal;

    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    if (!rule) throw forbidden('access.undeclared');
    if (!rule.roles.includes(principal.role)) throw forbidden('access.role');
    if (rule.org === 'none') return true;

    const source = rule.org.from === 'param' ? req.params : rule.org.from === 'query' ? req.query : req.body;
    const raw = (source as Record<string, unknown> | undefined)?.[rule.org.key];
    if (raw === undefined || raw === null || raw === '') {
      if (rule.org.optional) return true;
      throw badRequest('access.missing_key', { key: rule.org.key });
    }
    if (typeof raw !== 'string' || !UUID.test(raw)) throw badRequest('access.invalid_id', { key: rule.org.key });
    const via = rule.org.via ?? 'organisation';
    const resolver = this.resolvers.get(via);
    const path = await resolver.pathOf(raw);
    if (path === null) throw notFound(via);
    const visible =
      isWithin(path, principal.scopePath) || (resolver.coversSubtree === true && isWithin(principal.scopePath, path));
    if (!visible) throw forbidden('access.out_of_jurisdiction');
    return true;
  }
}
