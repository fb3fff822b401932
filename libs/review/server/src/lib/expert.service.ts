import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ExpertView } from '@hutong/review-model';
import { isWithin, type Paged } from '@hutong/platform-model';
import { AuditService, actorOf, coded, forbidden, notFound, type Principal } from '@hutong/platform-server';
import { OrganisationService, Organisation } from '@hutong/organisations-server';
import { User, UserService } from '@hutong/identity-server';
import { ApplicationReader } from '@hutong/assessment-server';
import { DeclaredConflictRow, Expert, ReviewAssignment } from './entities/review.entities';
import type {
  CreateExpertDto,
  DeclareConflictDto,
  ExpertListQueryDto,
  ExpertSelfDto,
  UpdateExpertDto,
} from './review.dto';
import { ReviewAccess } from './review-access';

export function expertView(e: Expert): ExpertView {
  return {
    id: e.id,
    userId: e.user.id,
    username: e.user.username,
    name: e.name,
    title: e.title,
    affiliation: { id: e.affiliation.id, name: e.affiliation.name },
    pools: e.pools,
    specialties: e.specialties,
    vendorTies: e.vendorTies,
    consultedOrgIds: e.consultedOrgIds,
    unavailable: e.unavailable,
    active: e.active,
  };
}

const snapshot = (e: Expert) => {
  const { userId, affiliation, ...rest } = expertView(e);
  return { ...rest, userId, affiliationId: affiliation.id };
};

/**
 * The expert pool (专家库): profiles (affiliation, pools, specialties, vendor ties, availability), kept by the
 * coordinators of the affiliation's jurisdiction (分级管理机构 recommend their local experts) and the admins; an
 * expert keeps its own ties and availability, and declares conflicts of interest.
 */
@Injectable()
export class ExpertService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly orgs: OrganisationService,
    private readonly users: UserService,
    private readonly apps: ApplicationReader,
    private readonly access: ReviewAccess,
  ) {}

  async list(q: ExpertListQueryDto): Promise<Paged<ExpertView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const where: Record<string, unknown> = {};
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where['$or'] = [{ name: { $ilike: like } }, { affiliation: { name: { $ilike: like } } }];
    }
    if (q.specialty) where['specialties'] = { $contains: [q.specialty] };
    if (q.pool) where['pools'] = { $contains: [q.pool] };
    const [rows, total] = await this.em.fork().findAndCount(Expert, where, {
      populate: ['user', 'affiliation'],
      orderBy: { name: 'asc', id: 'asc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map(expertView), total, page, pageSize };
  }

  async get(id: string): Promise<ExpertView> {
    const e = await this.em.fork().findOne(Expert, { id }, { populate: ['user', 'affiliation'] });
    if (!e) throw notFound('expert');
    return expertView(e);
  }

  /**
   * Users with the expert role and no profile yet, whose organisation lies in the caller's jurisdiction — whom a
   * coordinator may add to the pool (the users list itself is the admins').
   */
  async candidates(
    user: Principal,
    q?: string,
  ): Promise<
    { id: string; username: string; displayName: string; organisation: { id: string; name: string } | null }[]
  > {
    const page = await this.users.list({ role: 'expert', q, page: 1, pageSize: 200 });
    const taken = new Set(
      (
        await this.em.fork().find(Expert, { user: { $in: page.items.map((u) => u.id) } }, { fields: ['id', 'user'] })
      ).map((e) => e.user.id),
    );
    const paths = await this.orgs.pathsOf(page.items.flatMap((u) => (u.organisation ? [u.organisation.id] : [])));
    return page.items
      .filter((u) => !taken.has(u.id) && u.organisation && isWithin(paths.get(u.organisation.id) ?? '', user.scopePath))
      .map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        organisation: u.organisation ? { id: u.organisation.id, name: u.organisation.name } : null,
      }));
  }

  async mine(user: Principal): Promise<ExpertView> {
    const em = this.em.fork();
    const e = await this.access.expertOf(em, user);
    await em.populate(e, ['user']);
    return expertView(e);
  }

  private async affiliationIn(user: Principal, orgId: string): Promise<void> {
    const path = await this.orgs.pathOf(orgId);
    if (path === null) throw notFound('organisation');
    if (!isWithin(path, user.scopePath)) throw forbidden('access.out_of_jurisdiction');
  }

  async create(user: Principal, dto: CreateExpertDto): Promise<ExpertView> {
    const account = await this.users.accountOf(dto.userId);
    if (!account) throw notFound('user');
    if (account.role !== 'expert') throw coded('review.user_not_expert');
    await this.affiliationIn(user, dto.affiliationOrgId);
    const id = await this.em.fork().transactional(async (tx) => {
      if (await tx.count(Expert, { user: dto.userId })) throw coded('review.expert_exists');
      const e = tx.create(Expert, {
        user: tx.getReference(User, dto.userId),
        name: dto.name.trim(),
        title: dto.title?.trim() ?? '',
        affiliation: tx.getReference(Organisation, dto.affiliationOrgId),
        pools: dto.pools,
        specialties: dto.specialties,
        vendorTies: (dto.vendorTies ?? []).map((v) => v.trim()),
        consultedOrgIds: dto.consultedOrgIds ?? [],
        unavailable: checkedRanges(dto.unavailable ?? []),
        active: dto.active ?? true,
      });
      await tx.flush();
      await tx.populate(e, ['user', 'affiliation']);
      this.audit.record(tx, actorOf(user), {
        action: 'expert.create',
        entityType: 'expert',
        entityId: e.id,
        before: null,
        after: snapshot(e),
      });
      return e.id;
    });
    return this.get(id);
  }

  async update(user: Principal, id: string, dto: UpdateExpertDto): Promise<ExpertView> {
    await this.em.fork().transactional(async (tx) => {
      const e = await tx.findOne(Expert, { id }, { populate: ['user', 'affiliation'] });
      if (!e) throw notFound('expert');
      await this.affiliationIn(user, e.affiliation.id);
      if (dto.affiliationOrgId && dto.affiliationOrgId !== e.affiliation.id) {
        await this.affiliationIn(user, dto.affiliationOrgId);
        e.affiliation = await tx.findOneOrFail(Organisation, { id: dto.affiliationOrgId });
      }
      const before = snapshot(e);
      if (dto.name !== undefined) e.name = dto.name.trim();
      if (dto.title !== undefined) e.title = dto.title.trim();
      if (dto.pools) e.pools = dto.pools;
      if (dto.specialties) e.specialties = dto.specialties;
      if (dto.active !== undefined) e.active = dto.active;
      applySelf(e, dto);
      this.audit.record(tx, actorOf(user), {
        action: 'expert.update',
        entityType: 'expert',
        entityId: e.id,
        before,
        after: snapshot(e),
      });
    });
    return this.get(id);
  }

  /** An expert keeps its own ties and availability. */
  async updateMine(user: Principal, dto: ExpertSelfDto): Promise<ExpertView> {
    await this.em.fork().transactional(async (tx) => {
      const e = await this.access.expertOf(tx, user);
      await tx.populate(e, ['user']);
      const before = snapshot(e);
      applySelf(e, dto);
      this.audit.record(tx, actorOf(user), {
        action: 'expert.update',
        entityType: 'expert',
        entityId: e.id,
        before,
        after: snapshot(e),
      });
    });
    return this.mine(user);
  }

  /**
   * A conflict of interest declared for one application — by the expert itself or by staff for it. Its
   * assignments to that application end at once (with their sheets: a conflicted expert's scores never count).
   */
  async declareConflict(user: Principal, dto: DeclareConflictDto): Promise<{ removedAssignments: number }> {
    const [subject] = await this.apps.subjects([dto.applicationId]);
    if (!subject) throw notFound('application');
    return this.em.fork().transactional(async (tx) => {
      let expert: Expert;
      if (user.role === 'expert') expert = await this.access.expertOf(tx, user);
      else {
        if (!isWithin(subject.organisationPath, user.scopePath)) throw forbidden('access.out_of_jurisdiction');
        if (!dto.expertId) throw notFound('expert');
        const found = await tx.findOne(Expert, { id: dto.expertId });
        if (!found) throw notFound('expert');
        expert = found;
      }
      const existing = await tx.findOne(DeclaredConflictRow, { expert, applicationId: subject.id });
      if (existing) existing.reason = dto.reason.trim();
      else
        tx.persist(
          tx.create(DeclaredConflictRow, {
            expert,
            applicationId: subject.id,
            reason: dto.reason.trim(),
            declaredBy: tx.getReference(User, user.id),
          }),
        );
      const assignments = await tx.find(ReviewAssignment, { expert, reviewCase: { applicationId: subject.id } });
      for (const a of assignments) tx.remove(a);
      this.audit.record(tx, actorOf(user), {
        action: 'expert.declare_conflict',
        entityType: 'expert',
        entityId: expert.id,
        before: null,
        after: { applicationId: subject.id, reason: dto.reason.trim(), removedAssignments: assignments.length },
      });
      return { removedAssignments: assignments.length };
    });
  }
}

function applySelf(e: Expert, dto: ExpertSelfDto): void {
  if (dto.vendorTies) e.vendorTies = dto.vendorTies.map((v) => v.trim());
  if (dto.consultedOrgIds) e.consultedOrgIds = dto.consultedOrgIds;
  if (dto.unavailable) e.unavailable = checkedRanges(dto.unavailable);
}

function checkedRanges(ranges: { from: string; to: string }[]): { from: string; to: string }[] {
  for (const r of ranges) if (r.from > r.to) throw coded('review.range_invalid', { from: r.from, to: r.to });
  return ranges.map((r) => ({ from: r.from, to: r.to }));
}
