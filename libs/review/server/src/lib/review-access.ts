import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { isWithin } from '@hutong/platform-model';
import { coded, notFound, type Principal } from '@hutong/platform-server';
import { Expert, PanelMember, ReviewAssignment, ReviewCase, ReviewSession } from './entities/review.entities';

export const STAFF_ROLES = ['coordinator', 'admin'] as const;
export const READ_STAFF_ROLES = ['coordinator', 'admin', 'viewer'] as const;

const isStaff = (u: Principal): boolean => u.role === 'admin' || u.role === 'coordinator' || u.role === 'viewer';

/**
 * Who may see and do what in the review: staff (coordinators, viewers, admins) in the session's jurisdiction;
 * experts only on the panels they were invited to, and only the applications they are assigned to. A case an expert
 * is not assigned to does not exist for it (404); a conflicted one is refused (403) — the assignment rules never
 * make one, and a conflict declared later removes the assignment.
 */
@Injectable()
export class ReviewAccess {
  constructor(private readonly em: EntityManager) {}

  /** The jurisdiction path of a session, case or assignment (the access guard's resolvers). */
  async sessionPath(id: string): Promise<string | null> {
    return this.path('select s.jurisdiction_path as path from review_session s where s.id = ?', id);
  }

  async casePath(id: string): Promise<string | null> {
    return this.path(
      'select s.jurisdiction_path as path from review_case c join review_session s on s.id = c.session_id where c.id = ?',
      id,
    );
  }

  private async path(sql: string, id: string): Promise<string | null> {
    const rows = await this.em.getConnection().execute<{ path: string }[]>(sql, [id]);
    return rows[0]?.path ?? null;
  }

  /** The caller's expert profile (403 when an expert has none). */
  async expertOf(em: EntityManager, user: Principal): Promise<Expert> {
    const e = await em.findOne(Expert, { user: user.id }, { populate: ['affiliation'] });
    if (!e) throw coded('review.no_profile');
    return e;
  }

  staffSees(user: Principal, session: ReviewSession): boolean {
    return isStaff(user) && isWithin(session.jurisdictionPath, user.scopePath);
  }

  /** A session the caller may read: staff in its jurisdiction, or an expert on its panel (with its membership). */
  async readableSession(
    em: EntityManager,
    user: Principal,
    id: string,
  ): Promise<{ session: ReviewSession; member: PanelMember | null; expert: Expert | null }> {
    const session = await em.findOne(ReviewSession, { id }, { populate: ['createdBy'] });
    if (!session) throw notFound('review_session');
    if (user.role === 'expert') {
      const expert = await this.expertOf(em, user);
      const member = await em.findOne(PanelMember, { session, expert });
      if (!member) throw notFound('review_session');
      return { session, member, expert };
    }
    if (!this.staffSees(user, session)) throw notFound('review_session');
    return { session, member: null, expert: null };
  }

  /** A session the caller may change: a coordinator in its jurisdiction or an admin. */
  async writableSession(em: EntityManager, user: Principal, id: string, lock = false): Promise<ReviewSession> {
    const session = await em.findOne(ReviewSession, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    if (!session || !(user.role === 'admin' || user.role === 'coordinator') || !this.staffSees(user, session))
      throw notFound('review_session');
    return session;
  }

  /** A case the caller may change (staff) — with its session. */
  async writableCase(em: EntityManager, user: Principal, id: string): Promise<ReviewCase> {
    const c = await em.findOne(ReviewCase, { id }, { populate: ['session'] });
    if (!c || !(user.role === 'admin' || user.role === 'coordinator') || !this.staffSees(user, c.session))
      throw notFound('review_case');
    return c;
  }

  /**
   * The caller's own assignment (an expert) — 404 for any other, so that an expert learns nothing of cases it is
   * not on; 403 when a conflict was declared for it since.
   */
  async ownAssignment(em: EntityManager, user: Principal, id: string): Promise<ReviewAssignment> {
    const expert = await this.expertOf(em, user);
    const a = await em.findOne(
      ReviewAssignment,
      { id, expert },
      { populate: ['reviewCase', 'reviewCase.session', 'expert'] },
    );
    if (!a) throw notFound('review_assignment');
    return a;
  }
}
