import { Injectable, SetMetadata, type CanActivate, type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyCreated, ApiKeyView, KeyScope } from '@hutong/monitoring-model';
import { isWithin } from '@hutong/platform-model';
import { AuditService, actorOf, coded, notFound, type Actor, type Principal } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import { MonApiKey } from './entities/monitoring.entities';

/** What a request authenticated by an api key acts as. */
export interface KeyPrincipal {
  keyId: string;
  name: string;
  organisationId: string;
  /** the key's organisation's subtree: what it may report for */
  path: string;
  scopes: KeyScope[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** `hk_<8 hex>_<43 base64url>`: the prefix finds the key, the whole key's SHA-256 proves it (keys are random, not passwords). */
export function parseApiKey(header: string | undefined): { prefix: string; key: string } | null {
  const m = /^Bearer\s+(hk_([0-9a-f]{8})_[A-Za-z0-9_-]{43})$/.exec(header?.trim() ?? '');
  return m ? { prefix: m[2]!, key: m[1]! } : null;
}

export function keyActor(k: KeyPrincipal): Actor {
  return { id: null, name: `api-key:${k.name}`, ip: null, userAgent: null };
}

/**
 * Machine senders' api keys (a regional platform, a hospital's front-end processor): issued by staff for an
 * organisation inside their jurisdiction with scopes; only the SHA-256 is stored and the key is shown once;
 * revoking is immediate. Every issue and revocation is audited.
 */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly em: EntityManager,
    private readonly orgs: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  private async view(keys: MonApiKey[]): Promise<ApiKeyView[]> {
    const names = await this.orgs.namesOf([...new Set(keys.map((k) => k.organisationId))]);
    return keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: `hk_${k.prefix}_`,
      organisationId: k.organisationId,
      organisationName: names.get(k.organisationId) ?? '',
      scopes: k.scopes,
      createdAt: k.createdAt.toISOString(),
      createdBy: k.createdByName,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }

  /** The keys of organisations inside the caller's jurisdiction, newest first. */
  async list(user: Principal): Promise<ApiKeyView[]> {
    const keys = await this.em.find(MonApiKey, {}, { orderBy: { createdAt: 'desc' }, limit: 500 });
    const paths = await this.orgs.pathsOf([...new Set(keys.map((k) => k.organisationId))]);
    return this.view(keys.filter((k) => isWithin(paths.get(k.organisationId) ?? '', user.scopePath)));
  }

  async create(
    user: Principal,
    input: { name: string; organisationId: string; scopes: KeyScope[] },
  ): Promise<ApiKeyCreated> {
    if (!input.scopes.length) throw coded('monitoring.key_scopes_empty');
    if (!(await this.orgs.pathOf(input.organisationId))) throw notFound('organisation');
    const prefix = randomBytes(4).toString('hex');
    const key = `hk_${prefix}_${randomBytes(32).toString('base64url')}`;
    const row = await this.em.transactional(async (tx) => {
      const k = tx.create(MonApiKey, {
        name: input.name.trim(),
        prefix,
        secretHash: sha256(key),
        organisationId: input.organisationId,
        scopes: [...new Set(input.scopes)],
        createdById: user.id,
        createdByName: user.displayName || user.username,
      });
      tx.persist(k);
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.key.issued',
        entityType: 'mon_api_key',
        entityId: k.id,
        after: { name: k.name, organisationId: k.organisationId, scopes: k.scopes, prefix: `hk_${prefix}_` },
      });
      return k;
    });
    const [v] = await this.view([row]);
    return { ...v!, key };
  }

  async revoke(user: Principal, id: string): Promise<ApiKeyView> {
    const row = await this.em.transactional(async (tx) => {
      const k = await tx.findOne(MonApiKey, { id });
      const path = k ? await this.orgs.pathOf(k.organisationId) : null;
      if (!k || !path || !isWithin(path, user.scopePath)) throw notFound('mon_api_key');
      if (!k.revokedAt) {
        k.revokedAt = new Date();
        this.audit.record(tx, actorOf(user), {
          action: 'monitoring.key.revoked',
          entityType: 'mon_api_key',
          entityId: k.id,
          after: { name: k.name, revokedAt: k.revokedAt.toISOString() },
        });
      }
      return k;
    });
    return (await this.view([row]))[0]!;
  }

  /** The key a request names, if it is valid and not revoked (its last use is recorded). */
  async authenticate(header: string | undefined): Promise<KeyPrincipal> {
    const parsed = parseApiKey(header);
    if (!header) throw coded('monitoring.key_missing');
    if (!parsed) throw coded('monitoring.key_invalid');
    const em = this.em.fork();
    const k = await em.findOne(MonApiKey, { prefix: parsed.prefix });
    const given = Buffer.from(sha256(parsed.key), 'hex');
    if (!k || k.revokedAt || !timingSafeEqual(given, Buffer.from(k.secretHash, 'hex')))
      throw coded('monitoring.key_invalid');
    const path = await this.orgs.pathOf(k.organisationId);
    if (!path) throw coded('monitoring.key_invalid');
    await em.nativeUpdate(MonApiKey, { id: k.id }, { lastUsedAt: new Date() });
    return { keyId: k.id, name: k.name, organisationId: k.organisationId, path, scopes: k.scopes };
  }
}

const KEY_SCOPE = 'hutong:key-scope';
/** The scope an api-key endpoint needs (the endpoint is also @Public: no user session). */
export const KeyScopeRequired = (scope: KeyScope) => SetMetadata(KEY_SCOPE, scope);

/** Authenticates the api key of a machine endpoint and checks its scope; the key is on the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; apiKey?: KeyPrincipal }>();
    const scope = this.reflector.get<KeyScope | undefined>(KEY_SCOPE, ctx.getHandler());
    const key = await this.keys.authenticate(req.headers['authorization']);
    if (scope && !key.scopes.includes(scope)) throw coded('monitoring.key_scope', { scope });
    req.apiKey = key;
    return true;
  }
}

export const CurrentKey = createParamDecorator((_: unknown, ctx: ExecutionContext): KeyPrincipal => {
  const req = ctx.switchToHttp().getRequest<{ apiKey?: KeyPrincipal }>();
  if (!req.apiKey) throw new Error('CurrentKey used without ApiKeyGuard');
  return req.apiKey;
});
