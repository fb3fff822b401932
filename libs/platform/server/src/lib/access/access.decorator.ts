import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { Role } from '@hutong/platform-model';
import type { Principal } from '../common/principal';
import { ApiErrors } from '../common/openapi';

export const ACCESS_KEY = 'hutong:access';
export const PUBLIC_KEY = 'hutong:public';

/**
 * Where the organisation an endpoint acts on is named in the request: directly (an organisation id),
 * or via an application (its applicant organisation) or a cycle (its jurisdiction, which may also
 * contain the caller: an applicant sees the cycles that cover it).
 */
export type OrgTarget =
  | {
      from: 'param' | 'query' | 'body';
      key: string;
      optional?: boolean;
      /** The kind of entity the key names; its capability registers an AccessResolver for it. */
      via?: string;
    }
  | 'none';

export interface AccessRule {
  roles: Role[];
  /** The organisation the call acts on; the guard checks it lies in the caller's jurisdiction. */
  org: OrgTarget;
}

/**
 * Every endpoint declares who may call it and on which organisation; the guard refuses endpoints
 * that declare nothing (fail closed). In the OpenAPI document: the session cookie, 401 and 403.
 */
export const Access = (rule: AccessRule) =>
  applyDecorators(SetMetadata(ACCESS_KEY, rule), ApiCookieAuth('hutong_sid'), ApiErrors(401, 403));
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentUser used on a public endpoint');
  return req.principal;
});
