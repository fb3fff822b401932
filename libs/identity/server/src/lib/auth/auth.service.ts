import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { nationwide, type Me } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { Session } from '../entities/session.entity';
import { type User } from '../entities/user.entity';
import { AuditService } from '@hutong/platform-server';
import type { Principal } from '@hutong/platform-server';
import { coded } from '@hutong/platform-server';
import { SessionRepository, scopePathOf } from './session.repository';

export const SESSION_COOKIE = 'hutong_sid';

/** A hash to compare against when the user does not exist, so timing does not reveal user names. */
let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks the password; on success opens a session and returns its token. */
  async login(
    username: string,
    password: string,
    ip: string | null,
    ua: string | null,
  ): Promise<{ token: string; me: Me; expiresAt: Date }> {
    const user = await this.sessions.findUserByUsername(username);
    const ok = user
      ? user.active && (await argon2.verify(user.passwordHash, password))
      : await argon2.verify(await (dummyHash ??= hashPassword('dummy-password-1')), password).then(() => false);
    if (!user || !ok) {
      await this.em.transactional(async (tx) => {
        this.audit.record(
          tx,
          { id: user?.id ?? null, name: username.slice(0, 100), ip, userAgent: ua },
          {
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: user?.id ?? null,
          },
        );
      });
      throw coded('auth.bad_credentials');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await this.em.transactional(async (tx) => {
      await this.sessions.create(tx, user, sha256(token), expiresAt, ip, ua);
      const managed = tx.merge(user);
      managed.lastLoginAt = new Date();
      this.audit.record(
        tx,
        { id: user.id, name: user.username, ip, userAgent: ua },
        {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
        },
      );
    });
    return { token, me: toMe(user), expiresAt };
  }

  async logout(token: string | undefined, principal: Principal): Promise<void> {
    await this.em.transactional(async (tx) => {
      if (token) await tx.nativeDelete(Session, { tokenHash: sha256(token) });
      this.audit.record(
        tx,
        { id: principal.id, name: principal.username, ip: principal.ip, userAgent: principal.userAgent },
        {
          action: 'auth.logout',
          entityType: 'user',
          entityId: principal.id,
        },
      );
    });
  }

  async principalForToken(token: string, ip: string | null, ua: string | null): Promise<Principal | null> {
    const found = await this.sessions.findActiveSession(sha256(token), new Date());
    if (!found) return null;
    const u = found.user;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      organisationId: u.organisation?.id ?? null,
      scopePath: found.scopePath,
      ip,
      userAgent: ua,
    };
  }

  async me(principal: Principal): Promise<Me> {
    const user = await this.sessions.findUserByUsername(principal.username);
    if (!user) throw coded('auth.required');
    return toMe(user);
  }
}

export function toMe(user: User): Me {
  const ref = (o: { id: string; code: string; name: string } | null) =>
    o ? { id: o.id, code: o.code, name: o.name } : null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organisation: ref(user.organisation),
    jurisdiction: nationwide(user.role)
      ? null
      : user.role === 'applicant'
        ? ref(user.organisation)
        : ref(user.jurisdiction),
  };
}

export { scopePathOf };
