import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@hutong/platform-model';
import type { Principal } from '@hutong/platform-server';
import { Organisation } from '@hutong/organisations-server';
import { hashPassword } from '../lib/auth/auth.service';
import { scopePathOf } from '../lib/auth/session.repository';
import { User } from '../lib/entities/user.entity';

/** The password of every user the factory writes. */
export const TEST_PASSWORD = 'Factory-password-2026';
let hash: Promise<string> | null = null;

export interface TestUser {
  user: User;
  /** the principal the access guard would put on this user's requests (AuthService.principalForToken) */
  principal: Principal;
}

let names = 0;

/** The principal of a user, exactly as the guard resolves it from a session. */
export function principalOf(user: User): Principal {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisation?.id ?? null,
    scopePath: scopePathOf(user),
    ip: '127.0.0.1',
    userAgent: 'in-process test',
  };
}

/** Writes users straight to the database, with their organisation or jurisdiction and a principal. */
export class UserFactory {
  constructor(private readonly em: EntityManager) {}

  async create(
    role: Role,
    at: { organisation?: Organisation | null; jurisdiction?: Organisation | null } = {},
    username = `${role}-${process.pid}-${++names}`,
  ): Promise<TestUser> {
    const em = this.em.fork();
    const user = em.create(User, {
      username,
      displayName: `${role} ${names}`,
      role,
      passwordHash: await (hash ??= hashPassword(TEST_PASSWORD)),
      organisation: at.organisation ? em.getReference(Organisation, at.organisation.id) : null,
      jurisdiction: at.jurisdiction ? em.getReference(Organisation, at.jurisdiction.id) : null,
    });
    await em.persist(user).flush();
    // the relations as the guard loads them (paths for the scope)
    await em.populate(user, ['organisation', 'jurisdiction']);
    return { user, principal: principalOf(user) };
  }

  admin(): Promise<TestUser> {
    return this.create('admin');
  }

  /** the 国家级管理机构: nationwide scope, no organisation or jurisdiction needed */
  national(): Promise<TestUser> {
    return this.create('national');
  }

  coordinator(jurisdiction: Organisation): Promise<TestUser> {
    return this.create('coordinator', { jurisdiction });
  }

  viewer(jurisdiction: Organisation): Promise<TestUser> {
    return this.create('viewer', { jurisdiction });
  }

  applicant(organisation: Organisation): Promise<TestUser> {
    return this.create('applicant', { organisation });
  }
}
