import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { nationwide } from '@hutong/platform-model';
import { Organisation } from '@hutong/organisations-server';
import { Session } from '../entities/session.entity';
import { User } from '../entities/user.entity';

export interface SessionUser {
  user: User;
  scopePath: string;
}

@Injectable()
export class SessionRepository {
  constructor(private readonly em: EntityManager) {}

  async findUserByUsername(username: string): Promise<User | null> {
    return this.em.findOne(User, { username }, { populate: ['passwordHash', 'organisation', 'jurisdiction'] });
  }

  async findActiveSession(tokenHash: string, now: Date): Promise<SessionUser | null> {
    const session = await this.em.findOne(
      Session,
      { tokenHash, expiresAt: { $gt: now }, user: { active: true } },
      { populate: ['user', 'user.organisation', 'user.jurisdiction'] },
    );
    if (!session) return null;
    return { user: session.user, scopePath: scopePathOf(session.user) };
  }

  async create(
    em: EntityManager,
    user: User,
    tokenHash: string,
    expiresAt: Date,
    ip: string | null,
    ua: string | null,
  ) {
    em.persist(em.create(Session, { tokenHash, user, expiresAt, ip, userAgent: ua?.slice(0, 300) ?? null }));
  }

  async delete(tokenHash: string): Promise<void> {
    await this.em.nativeDelete(Session, { tokenHash });
  }

  async deleteForUser(em: EntityManager, userId: string): Promise<void> {
    await em.nativeDelete(Session, { user: userId });
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.em.nativeDelete(Session, { expiresAt: { $lte: now } });
  }
}

/** Admins and the national body see everything; applicants their own organisation; everyone else their jurisdiction. */
export function scopePathOf(user: User): string {
  if (nationwide(user.role)) return '/';
  const root: Organisation | null = user.role === 'applicant' ? user.organisation : user.jurisdiction;
  // a user with no organisation to act on sees nothing: a path no node has
  return root?.path ?? '/nothing/';
}
