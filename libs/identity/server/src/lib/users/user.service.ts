import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/postgresql';
import type { Paged, Role } from '@hutong/platform-model';
import type { UserView } from '@hutong/identity-model';
import { checkPassword } from '@hutong/identity-model';
import { jurisdictionRequired, organisationRequired } from '@hutong/platform-model';
import { Organisation } from '@hutong/organisations-server';
import { User } from '../entities/user.entity';
import { AuditService } from '@hutong/platform-server';
import { hashPassword } from '../auth/auth.service';
import { SessionRepository } from '../auth/session.repository';
import { actorOf, type Principal, type Reference } from '@hutong/platform-server';
import { badRequest, coded, conflict, notFound } from '@hutong/platform-server';
import type { CreateUserDto, UpdateUserDto, UserListQueryDto } from './user.dto';
import { containsPattern } from '@hutong/platform-server';

function toView(u: User): UserView {
  const ref = (o: Organisation | null) => (o ? { id: o.id, code: o.code, name: o.name } : null);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    active: u.active,
    organisation: ref(u.organisation),
    jurisdiction: ref(u.jurisdiction),
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

function snapshot(u: User) {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    active: u.active,
    organisationId: u.organisation?.id ?? null,
    jurisdictionId: u.jurisdiction?.id ?? null,
  };
}

/** Who needs what (rules in the domain lib, shared with the web form). */
function checkAssignment(role: Role, organisation: Organisation | null, jurisdiction: Organisation | null): void {
  if (organisationRequired(role) && !organisation) throw badRequest('user.organisation_required');
  if (jurisdictionRequired(role) && !jurisdiction) throw badRequest('user.jurisdiction_required');
}

@Injectable()
export class UserService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly sessions: SessionRepository,
  ) {}

  /** Why an organisation cannot be deleted on identity's account (users belong to or govern it), or null. */
  /** Users by name (the audit viewer): `label` 显示名（用户名）, `ref` the display name. */
  async namesOf(ids: string[], withUsername: boolean): Promise<Map<string, string>> {
    const rows = await this.em.find(User, { id: { $in: ids } }, { fields: ['id', 'displayName', 'username'] });
    return new Map(rows.map((u) => [u.id, withUsername ? `${u.displayName}（${u.username}）` : u.displayName]));
  }

  /** The organisation a user belongs to (null: no such user, or one without an organisation) — e.g. whether a task's assignee is a member. */
  async organisationOf(id: string): Promise<string | null> {
    const u = await this.em.fork().findOne(User, { id }, { fields: ['id', 'organisation'] });
    return u?.organisation?.id ?? null;
  }

  async organisationReference(id: string, tx: EntityManager): Promise<Reference | null> {
    return (await tx.count(User, { $or: [{ organisation: id }, { jurisdiction: id }] }))
      ? { code: 'organisation.has_users' }
      : null;
  }

  async list(q: UserListQueryDto): Promise<Paged<UserView>> {
    const where: FilterQuery<User> = {};
    if (q.role) where.role = q.role;
    if (q.q) {
      const like = containsPattern(q.q);
      where.$or = [{ username: { $ilike: like } }, { displayName: { $ilike: like } }];
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const [items, total] = await this.em.findAndCount(User, where, {
      populate: ['organisation', 'jurisdiction'],
      orderBy: { username: 'asc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: items.map(toView), total, page, pageSize };
  }

  async create(actor: Principal, dto: CreateUserDto): Promise<UserView> {
    assertPassword(dto.password, dto.username);
    const organisation = await this.org(dto.organisationId);
    const jurisdiction = jurisdictionRequired(dto.role) ? await this.org(dto.jurisdictionId) : null;
    checkAssignment(dto.role, organisation, jurisdiction);
    const passwordHash = await hashPassword(dto.password);
    try {
      const user = await this.em.transactional(async (tx) => {
        const u = tx.create(User, {
          username: dto.username,
          displayName: dto.displayName.trim(),
          email: dto.email ?? null,
          role: dto.role,
          passwordHash,
          organisation,
          jurisdiction,
        });
        tx.persist(u);
        this.audit.record(tx, actorOf(actor), {
          action: 'user.create',
          entityType: 'user',
          entityId: u.id,
          after: snapshot(u),
        });
        return u;
      });
      return toView(user);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict('user.username_taken', { username: dto.username });
      throw e;
    }
  }

  async update(actor: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    if (dto.password !== undefined) {
      // a fork: the transaction below loads the user afresh with its relations
      const existing = await this.em.fork().findOne(User, { id });
      if (!existing) throw notFound('user');
      assertPassword(dto.password, existing.username);
    }
    const passwordHash = dto.password === undefined ? undefined : await hashPassword(dto.password);
    const user = await this.em.transactional(async (tx) => {
      const u = await tx.findOne(User, { id }, { populate: ['organisation', 'jurisdiction'] });
      if (!u) throw notFound('user');
      if (u.id === actor.id && (dto.active === false || (dto.role && dto.role !== 'admin')))
        throw badRequest('user.cannot_demote_self');
      const before = snapshot(u);
      const role = dto.role ?? u.role;
      const organisation = dto.organisationId === undefined ? u.organisation : await this.org(dto.organisationId, tx);
      const jurisdiction = !jurisdictionRequired(role)
        ? null
        : dto.jurisdictionId === undefined
          ? u.jurisdiction
          : await this.org(dto.jurisdictionId, tx);
      checkAssignment(role, organisation, jurisdiction);
      Object.assign(u, {
        displayName: dto.displayName?.trim() ?? u.displayName,
        email: dto.email === undefined ? u.email : dto.email,
        role,
        active: dto.active ?? u.active,
        organisation,
        jurisdiction,
      });
      if (passwordHash) u.passwordHash = passwordHash;
      // a role, scope or password change or a deactivation ends the user's sessions
      if (
        passwordHash ||
        dto.active === false ||
        dto.role ||
        dto.jurisdictionId !== undefined ||
        dto.organisationId !== undefined
      )
        await this.sessions.deleteForUser(tx, u.id);
      this.audit.record(tx, actorOf(actor), {
        action: passwordHash ? 'user.update_password' : 'user.update',
        entityType: 'user',
        entityId: u.id,
        before,
        after: snapshot(u),
      });
      return u;
    });
    return toView(user);
  }

  private async org(id: string | null | undefined, em: EntityManager = this.em): Promise<Organisation | null> {
    if (!id) return null;
    const o = await em.findOne(Organisation, { id });
    if (!o) throw notFound('organisation');
    return o;
  }
}

/** The password policy of libs/identity/model: 400 with its code and message, on the password field. */
export function assertPassword(password: string, username: string): void {
  const problem = checkPassword(password, username);
  if (problem) throw coded(problem.code, {}, [{ field: 'password', code: problem.code, reason: problem.message }]);
}
