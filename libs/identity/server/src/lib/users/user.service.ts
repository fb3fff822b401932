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

  /** A user's account facts another capability may need (the review checks an expert profile's user): null when none. */
  async accountOf(id: string): Promise<{
    id: string;
    username: string;
    displayName: string;
    role: Role;
    organisationId: string | null;
    active: boolean;
  } | null> {
    const u = await this.em
      .fork()
      .findOne(User, { id }, { fields: ['id', 'username', 'displayName', 'role', 'organisation', 'active'] });
    return u
      ? {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          organisationId: u.organisation?.id ?? null,
          active: u.active,
        }
      : null;
  }

  /** The organisation a user belongs to (null: no such user, or one without an organisation) — e.g. whether a task's assignee is a member. */
  async organisationOf(id: string): Promise<string | null> {
    const u = await this.em.fork().findOne(User, { id }, { fields: ['id', 'organisation'] });
    return u?.organisation?.id ?? null;
  }

  /**
   * Who a task's reminders reach in each organisation (tasks' reminder sender), one query per kind for many
   * organisations: `applicants` every active applicant of the organisation, `head` its head contact — the
   * organisation's first active applicant by creation (the account it was registered with; identity keeps no
   * separate head flag).
   */
  async contactsOf(
    orgIds: string[],
    em: EntityManager = this.em,
  ): Promise<Map<string, { applicants: string[]; head: string | null }>> {
    const out = new Map<string, { applicants: string[]; head: string | null }>();
    if (!orgIds.length) return out;
    const rows = await em.execute<{ id: string; organisation_id: string }[]>(
      `select u.id, u.organisation_id from app_user u
        where u.organisation_id in (select jsonb_array_elements_text(?::jsonb)::uuid) and u.role = 'applicant' and u.active
        order by u.organisation_id, u.created_at, u.id`,
      [JSON.stringify([...new Set(orgIds)])],
    );
    for (const r of rows) {
      const c = out.get(r.organisation_id) ?? { applicants: [], head: r.id };
      c.applicants.push(r.id);
      out.set(r.organisation_id, c);
    }
    return out;
  }

  /**
   * The active coordinators nearest above each of `paths`: those whose jurisdiction's path is the longest
   * prefix of the path (the organisation's own region, else the next one up). Paths without one map to [].
   */
  async coordinatorsOver(paths: string[], em: EntityManager = this.em): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const unique = [...new Set(paths)];
    if (!unique.length) return out;
    const rows = await em.execute<{ path: string; id: string }[]>(
      `with p as (select jsonb_array_elements_text(?::jsonb) collate "C" as path),
            c as (select u.id, o.path collate "C" as jpath from app_user u join organisation o on o.id = u.jurisdiction_id
                   where u.role = 'coordinator' and u.active),
            m as (select p.path, c.id, c.jpath, max(length(c.jpath)) over (partition by p.path) as best
                    from p join c on starts_with(p.path, c.jpath))
       select path, id from m where length(jpath) = best order by path, id`,
      [JSON.stringify(unique)],
    );
    for (const p of unique) out.set(p, []);
    for (const r of rows) out.get(r.path)?.push(r.id);
    return out;
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
