import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  SESSION_KIND_STATE,
  SPECIALTIES,
  autoAssign,
  buildAgenda,
  eligibilityOf,
  type Agenda,
  type ApplicantForReview,
  type AutoAssignView,
  type CycleScope,
  type DeclaredConflict,
  type EligibilityMatrix,
  type ExpertPool,
  type ExpertProfile,
  type Reason,
  type ReviewSessionSummary,
  type ReviewSessionView,
  type ReviewSessionKind,
  sheetItemsOf,
} from '@hutong/review-model';
import type { ApplicationState, IndicatorLeaf, IndicatorNode, Level } from '@hutong/assessment-model';
import { DomainError, pathIds, type OrgLevel } from '@hutong/platform-model';
import { AuditService, actorOf, coded, fromDomain, notFound, type Principal } from '@hutong/platform-server';
import { User } from '@hutong/identity-server';
import { OrganisationService } from '@hutong/organisations-server';
import { ApplicationReader } from '@hutong/assessment-server';
import { NotificationService } from '@hutong/notifications-server';
import { TaskService } from '@hutong/tasks-server';
import {
  DeclaredConflictRow,
  Expert,
  PanelMember,
  ReviewAssignment,
  ReviewCase,
  ReviewQuestion,
  ReviewSession,
} from './entities/review.entities';
import type {
  AddCasesDto,
  BulkAssignDto,
  CreateSessionDto,
  InviteDto,
  RespondInvitationDto,
  SessionFieldsDto,
  UpdateCaseDto,
} from './review.dto';
import { ReviewAccess } from './review-access';

/** Document review and on-site inspection draw on the 定性评价 pool (process 2.6, C2.1, C3.2). */
const POOL: ExpertPool = 'qualitative';

export function scopeOf(level: OrgLevel): CycleScope {
  return level === 'province' ? 'province' : 'city';
}

const sessionSnapshot = (s: ReviewSession) => ({
  cycleId: s.cycleId,
  kind: s.kind,
  title: s.title,
  date: s.date,
  endDate: s.endDate,
  start: s.start,
  mode: s.mode,
  location: s.location,
  slotPresent: s.slotPresent,
  slotQuestions: s.slotQuestions,
  breakAfter: s.breakAfter,
  breakMinutes: s.breakMinutes,
  minPerApplication: s.minPerApplication,
  maxPerExpert: s.maxPerExpert,
  scoringDue: s.scoringDue,
  status: s.status,
});

function agendaOf(session: ReviewSession, cases: ReviewCase[]): Agenda {
  return buildAgenda({
    date: session.date,
    start: session.start,
    slotMinutes: { present: session.slotPresent, questions: session.slotQuestions },
    ...(session.breakAfter !== null && session.breakMinutes !== null
      ? { breakAfter: session.breakAfter, breakMinutes: session.breakMinutes }
      : {}),
    applicants: [...cases]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ applicationId: c.applicationId, name: c.organisationName })),
  });
}

/** The items an expert scores on a case of a session of this kind (see `sheetItemsOf`). */
export function sheetItems(
  subject: { tree: IndicatorNode[]; targetLevel: Level },
  kind: ReviewSessionKind,
): IndicatorLeaf[] {
  return sheetItemsOf(subject.tree, subject.targetLevel, kind);
}

/**
 * Review sessions (文审会 and 现场查验): the panel (invitations, acceptance, the chair), the applications reviewed
 * (cases) and who reviews which — manually, in bulk or automatically (autoAssign: coverage of the needed
 * specialties, balanced load, never a conflict), each refusal with its reasons.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly access: ReviewAccess,
    private readonly apps: ApplicationReader,
    private readonly orgs: OrganisationService,
    private readonly notifications: NotificationService,
    private readonly tasks: TaskService,
  ) {}

  // ------------------------------------------------------------------ sessions

  async create(user: Principal, dto: CreateSessionDto): Promise<ReviewSessionView> {
    const cycle = await this.apps.cycle(dto.cycleId);
    if (!cycle) throw notFound('cycle');
    const id = await this.em.fork().transactional(async (tx) => {
      const s = tx.create(ReviewSession, {
        cycleId: cycle.id,
        jurisdictionPath: cycle.jurisdictionPath,
        kind: dto.kind,
        title: dto.title.trim(),
        date: dto.date,
        endDate: dto.endDate ?? dto.date,
        start: dto.start ?? '09:00',
        mode: dto.mode ?? 'venue',
        location: dto.location?.trim() ?? '',
        scoringDue: dto.scoringDue,
        createdBy: tx.getReference(User, user.id),
      });
      applyFields(s, dto);
      checkSession(s, []);
      tx.persist(s);
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.create',
        entityType: 'review_session',
        entityId: s.id,
        before: null,
        after: sessionSnapshot(s),
      });
      return s.id;
    });
    return this.view(user, id);
  }

  async update(user: Principal, id: string, dto: SessionFieldsDto): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      if (s.status === 'closed') throw coded('review.session_wrong_status', { status: s.status });
      const before = sessionSnapshot(s);
      if (dto.title !== undefined) s.title = dto.title.trim();
      if (dto.date !== undefined) s.date = dto.date;
      if (dto.endDate !== undefined) s.endDate = dto.endDate;
      if (dto.start !== undefined) s.start = dto.start;
      if (dto.mode !== undefined) s.mode = dto.mode;
      if (dto.location !== undefined) s.location = dto.location.trim();
      if (dto.scoringDue !== undefined) s.scoringDue = dto.scoringDue;
      applyFields(s, dto);
      checkSession(s, await tx.find(ReviewCase, { session: s }));
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.update',
        entityType: 'review_session',
        entityId: s.id,
        before,
        after: sessionSnapshot(s),
      });
    });
    return this.view(user, id);
  }

  async list(user: Principal, cycleId?: string): Promise<ReviewSessionSummary[]> {
    const em = this.em.fork();
    let sessions: ReviewSession[];
    const members = new Map<string, PanelMember>();
    if (user.role === 'expert') {
      const expert = await this.access.expertOf(em, user);
      const rows = await em.find(
        PanelMember,
        { expert, ...(cycleId ? { session: { cycleId } } : {}) },
        { populate: ['session'] },
      );
      for (const m of rows) members.set(m.session.id, m);
      sessions = rows.map((m) => m.session);
    } else {
      sessions = await em.find(ReviewSession, {
        jurisdictionPath: { $like: `${user.scopePath}%` },
        ...(cycleId ? { cycleId } : {}),
      });
    }
    sessions.sort((a, b) => (a.date === b.date ? a.title.localeCompare(b.title) : a.date < b.date ? 1 : -1));
    if (!sessions.length) return [];
    const ids = sessions.map((s) => s.id);
    const counts = await em
      .getConnection()
      .execute<
        { id: string; cases: string; panel: string; assigned: string; submitted: string; consolidated: string }[]
      >(
        `select s.id,
              (select count(*) from review_case c where c.session_id = s.id) as cases,
              (select count(*) from review_panel_member m where m.session_id = s.id and m.status <> 'declined') as panel,
              (select count(*) from review_assignment a join review_case c on c.id = a.review_case_id where c.session_id = s.id) as assigned,
              (select count(*) from review_assignment a join review_case c on c.id = a.review_case_id where c.session_id = s.id and a.submitted_at is not null) as submitted,
              (select count(*) from review_case c where c.session_id = s.id and c.consolidated_at is not null) as consolidated
         from review_session s where s.id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])`,
        [JSON.stringify(ids)],
      );
    const byId = new Map(counts.map((c) => [c.id, c]));
    const cycleNames = new Map<string, string>();
    for (const cid of new Set(sessions.map((s) => s.cycleId)))
      cycleNames.set(cid, (await this.apps.cycle(cid))?.name ?? '');
    return sessions.map((s) => {
      const c = byId.get(s.id);
      const m = members.get(s.id);
      return {
        id: s.id,
        cycleId: s.cycleId,
        cycleName: cycleNames.get(s.cycleId) ?? '',
        kind: s.kind,
        title: s.title,
        date: s.date,
        status: s.status,
        cases: Number(c?.cases ?? 0),
        panel: Number(c?.panel ?? 0),
        progress: {
          submitted: Number(c?.submitted ?? 0),
          assigned: Number(c?.assigned ?? 0),
          consolidated: Number(c?.consolidated ?? 0),
        },
        me: m ? { role: m.role, status: m.status } : null,
      };
    });
  }

  async view(user: Principal, id: string): Promise<ReviewSessionView> {
    const em = this.em.fork();
    const { session, member, expert } = await this.access.readableSession(em, user, id);
    const panel = await em.find(PanelMember, { session }, { populate: ['expert', 'expert.affiliation'] });
    const cases = await em.find(ReviewCase, { session }, { orderBy: { position: 'asc', id: 'asc' } });
    const assignments = await em.find(
      ReviewAssignment,
      { reviewCase: { session } },
      { populate: ['expert'], orderBy: { createdAt: 'asc' } },
    );
    const subjects = new Map((await this.apps.subjects(cases.map((c) => c.applicationId))).map((s) => [s.id, s]));
    const itemCounts = await this.itemCounts(
      cases.map((c) => c.applicationId),
      session.kind,
    );
    const questions = cases.length
      ? await em.find(ReviewQuestion, { reviewCase: { $in: cases.map((c) => c.id) } })
      : [];
    const taskStates = await this.tasks.processStates(questions.map((q) => q.taskId).filter((x): x is string => !!x));
    const qByCase = new Map<string, { n: number; open: number }>();
    for (const q of questions) {
      const r = qByCase.get(q.reviewCase.id) ?? { n: 0, open: 0 };
      r.n++;
      const st = q.taskId ? taskStates.get(q.taskId)?.status : undefined;
      if (st === 'open' || st === 'acknowledged' || st === 'returned') r.open++;
      qByCase.set(q.reviewCase.id, r);
    }
    const cycle = await this.apps.cycle(session.cycleId);
    // an expert sees only the cases it is assigned to; the chair also every case it has no conflict with (it
    // consolidates them) — the agenda names every applicant, as the meeting notice does
    const unconflicted =
      expert && member?.role === 'chair' ? await this.unconflictedCases(em, session, expert.id) : new Set<string>();
    const visible = expert
      ? cases.filter(
          (c) =>
            unconflicted.has(c.id) || assignments.some((a) => a.reviewCase.id === c.id && a.expert.id === expert.id),
        )
      : cases;
    const chair = panel.find((m) => m.role === 'chair') ?? null;
    let agenda: Agenda | null = null;
    try {
      agenda = agendaOf(session, cases);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
    return {
      id: session.id,
      cycleId: session.cycleId,
      cycleName: cycle?.name ?? '',
      kind: session.kind,
      title: session.title,
      date: session.date,
      endDate: session.endDate,
      start: session.start,
      mode: session.mode,
      location: session.location,
      slotPresent: session.slotPresent,
      slotQuestions: session.slotQuestions,
      breakAfter: session.breakAfter,
      breakMinutes: session.breakMinutes,
      minPerApplication: session.minPerApplication,
      maxPerExpert: session.maxPerExpert,
      scoringDue: session.scoringDue,
      status: session.status,
      chair: chair ? { expertId: chair.expert.id, name: chair.expert.name } : null,
      panel: panel
        .sort((a, b) =>
          a.role === b.role ? a.expert.name.localeCompare(b.expert.name, 'zh') : a.role === 'chair' ? -1 : 1,
        )
        .map((m) => {
          const mine = assignments.filter((a) => a.expert.id === m.expert.id);
          return {
            expertId: m.expert.id,
            name: m.expert.name,
            affiliation: m.expert.affiliation.name,
            specialties: m.expert.specialties,
            role: m.role,
            status: m.status,
            declineReason: m.declineReason,
            load: mine.length,
            submitted: mine.filter((a) => a.submittedAt).length,
          };
        }),
      cases: visible.map((c) => {
        const subject = subjects.get(c.applicationId);
        const q = qByCase.get(c.id);
        const items = itemCounts.get(c.applicationId) ?? [];
        return {
          id: c.id,
          applicationId: c.applicationId,
          organisationId: c.organisationId,
          organisationName: c.organisationName,
          state: subject?.state ?? null,
          targetLevel: subject?.targetLevel ?? null,
          vendors: c.vendors,
          neededSpecialties: c.neededSpecialties,
          position: c.position,
          assignments: assignments
            .filter(
              (a) => a.reviewCase.id === c.id && (!expert || a.expert.id === expert.id || member?.role === 'chair'),
            )
            .map((a) => ({
              assignmentId: a.id,
              expertId: a.expert.id,
              name: a.expert.name,
              source: a.source,
              scored: items.filter((code) => typeof a.entries[code]?.score === 'number').length,
              items: items.length,
              submittedAt: a.submittedAt?.toISOString() ?? null,
            })),
          consolidatedAt: c.consolidatedAt?.toISOString() ?? null,
          opinion: c.opinion,
          questions: q?.n ?? 0,
          openQuestions: q?.open ?? 0,
        };
      }),
      agenda,
      progress: {
        submitted: assignments.filter((a) => a.submittedAt).length,
        assigned: assignments.length,
        consolidated: cases.filter((c) => c.consolidatedAt).length,
        cases: cases.length,
      },
      me: member && expert ? { expertId: expert.id, role: member.role, status: member.status } : null,
    };
  }

  /** The codes each application's sheet scores. */
  private async itemCounts(applicationIds: string[], kind: ReviewSessionKind): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const id of applicationIds) {
      const d = await this.apps.dossier(id).catch(() => null);
      if (d)
        out.set(
          id,
          sheetItems(d, kind).map((l) => l.code),
        );
    }
    return out;
  }

  /** Moves a session from planning to scoring: a chair, and every case has its panel; the panel is told. */
  async startScoring(user: Principal, id: string): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      if (s.status !== 'planning') throw coded('review.session_wrong_status', { status: s.status });
      const chair = await tx.findOne(PanelMember, { session: s, role: 'chair', status: 'accepted' });
      if (!chair) throw coded('review.no_chair');
      const cases = await tx.find(ReviewCase, { session: s });
      const assignments = await tx.find(
        ReviewAssignment,
        { reviewCase: { session: s } },
        { populate: ['expert', 'expert.user'] },
      );
      for (const c of cases)
        if (!assignments.some((a) => a.reviewCase.id === c.id))
          throw coded('review.case_without_panel', { name: c.organisationName });
      s.status = 'scoring';
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.start_scoring',
        entityType: 'review_session',
        entityId: s.id,
        before: { status: 'planning' },
        after: { status: 'scoring', assignments: assignments.length },
      });
      const experts = new Map(assignments.map((a) => [a.expert.id, a.expert]));
      await this.notifications.notify(
        [...experts.values()].map((e) => ({
          userId: e.user.id,
          titleCode: 'review.notify_scoring_open',
          params: { title: s.title, due: s.scoringDue },
          link: `/review/workspace`,
          dedupeKey: `review_session:${s.id}:scoring:${e.id}`,
          subjectType: 'review_session',
          subjectId: s.id,
        })),
        tx,
      );
    });
    return this.view(user, id);
  }

  // ------------------------------------------------------------------ the panel

  async invite(user: Principal, id: string, dto: InviteDto): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      if (s.status === 'closed') throw coded('review.session_wrong_status', { status: s.status });
      const experts = await tx.find(Expert, { id: { $in: dto.expertIds } }, { populate: ['user'] });
      if (experts.length !== dto.expertIds.length) throw notFound('expert');
      const existing = new Set((await tx.find(PanelMember, { session: s })).map((m) => m.expert.id));
      const added = experts.filter((e) => !existing.has(e.id));
      for (const e of added) tx.persist(tx.create(PanelMember, { session: s, expert: e }));
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.invite',
        entityType: 'review_session',
        entityId: s.id,
        before: null,
        after: { invited: added.map((e) => e.id) },
      });
      await this.notifications.notify(
        added.map((e) => ({
          userId: e.user.id,
          titleCode: 'review.notify_invited',
          params: { title: s.title, date: s.date },
          link: `/review/workspace`,
          dedupeKey: `review_session:${s.id}:invite:${e.id}`,
          subjectType: 'review_session',
          subjectId: s.id,
        })),
        tx,
      );
    });
    return this.view(user, id);
  }

  async respond(user: Principal, id: string, dto: RespondInvitationDto): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const { session, member } = await this.access.readableSession(tx, user, id);
      if (!member) throw coded('review.not_on_panel');
      if (session.status === 'closed') throw coded('review.session_wrong_status', { status: session.status });
      const before = { status: member.status };
      member.status = dto.accept ? 'accepted' : 'declined';
      member.declineReason = dto.accept ? null : (dto.reason?.trim() ?? null);
      member.respondedAt = new Date();
      if (!dto.accept) {
        if (member.role === 'chair') member.role = 'member';
        const assigned = await tx.find(ReviewAssignment, { expert: member.expert, reviewCase: { session } });
        if (assigned.some((a) => a.submittedAt)) throw coded('review.assignment_has_scores');
        for (const a of assigned) tx.remove(a);
      }
      this.audit.record(tx, actorOf(user), {
        action: dto.accept ? 'review_session.accept' : 'review_session.decline',
        entityType: 'review_session',
        entityId: session.id,
        before,
        after: { status: member.status, reason: member.declineReason },
      });
    });
    return this.view(user, id);
  }

  async setChair(user: Principal, id: string, expertId: string): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      const members = await tx.find(PanelMember, { session: s });
      const next = members.find((m) => m.expert.id === expertId);
      if (!next) throw coded('review.not_on_panel');
      if (next.status !== 'accepted') throw coded('review.chair_must_accept');
      const before = members.find((m) => m.role === 'chair')?.expert.id ?? null;
      for (const m of members) m.role = m === next ? 'chair' : 'member';
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.chair',
        entityType: 'review_session',
        entityId: s.id,
        before: { chair: before },
        after: { chair: expertId },
      });
    });
    return this.view(user, id);
  }

  async removeMember(user: Principal, id: string, expertId: string): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      const m = await tx.findOne(PanelMember, { session: s, expert: expertId });
      if (!m) throw coded('review.not_on_panel');
      const assigned = await tx.find(ReviewAssignment, { expert: expertId, reviewCase: { session: s } });
      if (assigned.some((a) => a.submittedAt)) throw coded('review.assignment_has_scores');
      for (const a of assigned) tx.remove(a);
      tx.remove(m);
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.remove_member',
        entityType: 'review_session',
        entityId: s.id,
        before: { expertId, role: m.role, status: m.status, assignments: assigned.length },
        after: null,
      });
    });
    return this.view(user, id);
  }

  // ------------------------------------------------------------------ cases

  async addCases(user: Principal, id: string, dto: AddCasesDto): Promise<ReviewSessionView> {
    const subjects = await this.apps.subjects(dto.applicationIds);
    if (subjects.length !== dto.applicationIds.length) throw notFound('application');
    const cities = await this.citiesOf(subjects.map((s) => s.organisationPath));
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      if (s.status === 'closed') throw coded('review.session_wrong_status', { status: s.status });
      const state: ApplicationState = SESSION_KIND_STATE[s.kind];
      for (const a of subjects) {
        if (a.cycleId !== s.cycleId) throw coded('review.case_other_cycle', { name: a.organisationName });
        if (a.state !== state) throw coded('review.case_wrong_state', { name: a.organisationName, kind: s.kind });
      }
      const elsewhere = await tx.find(
        ReviewCase,
        { applicationId: { $in: dto.applicationIds }, session: { kind: s.kind, id: { $ne: s.id } } },
        { populate: ['session'] },
      );
      if (elsewhere.length)
        throw coded('review.case_in_other_session', { name: elsewhere[0]!.organisationName, kind: s.kind });
      const existing = await tx.find(ReviewCase, { session: s });
      const have = new Set(existing.map((c) => c.applicationId));
      let position = existing.reduce((m, c) => Math.max(m, c.position + 1), 0);
      const added: string[] = [];
      for (const a of subjects) {
        if (have.has(a.id)) continue;
        tx.persist(
          tx.create(ReviewCase, {
            session: s,
            applicationId: a.id,
            organisationId: a.organisationId,
            organisationName: a.organisationName,
            organisationPath: a.organisationPath,
            cityId: cities.get(a.organisationPath) ?? null,
            neededSpecialties: [...SPECIALTIES],
            position: position++,
          }),
        );
        added.push(a.id);
      }
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.add_cases',
        entityType: 'review_session',
        entityId: s.id,
        before: null,
        after: { applicationIds: added },
      });
    });
    return this.view(user, id);
  }

  /** The city each organisation lies in (the path id whose level is city), for the same-city conflict. */
  private async citiesOf(paths: string[]): Promise<Map<string, string | null>> {
    const ids = [...new Set(paths.flatMap(pathIds))];
    const levels = await this.orgs.levelsOf(ids);
    return new Map(paths.map((p) => [p, pathIds(p).find((i) => levels.get(i) === 'city') ?? null]));
  }

  async updateCase(user: Principal, caseId: string, dto: UpdateCaseDto): Promise<ReviewSessionView> {
    const sessionId = await this.em.fork().transactional(async (tx) => {
      const c = await this.access.writableCase(tx, user, caseId);
      const before = { vendors: c.vendors, neededSpecialties: c.neededSpecialties, position: c.position };
      if (dto.vendors) c.vendors = dto.vendors.map((v) => v.trim());
      if (dto.neededSpecialties) c.neededSpecialties = dto.neededSpecialties;
      if (dto.position !== undefined) c.position = dto.position;
      this.audit.record(tx, actorOf(user), {
        action: 'review_case.update',
        entityType: 'review_session',
        entityId: c.session.id,
        before: { caseId, ...before },
        after: { caseId, vendors: c.vendors, neededSpecialties: c.neededSpecialties, position: c.position },
      });
      return c.session.id;
    });
    return this.view(user, sessionId);
  }

  async removeCase(user: Principal, caseId: string): Promise<ReviewSessionView> {
    const sessionId = await this.em.fork().transactional(async (tx) => {
      const c = await this.access.writableCase(tx, user, caseId);
      if (c.consolidatedAt) throw coded('review.case_consolidated');
      const assigned = await tx.find(ReviewAssignment, { reviewCase: c });
      if (assigned.some((a) => a.submittedAt)) throw coded('review.assignment_has_scores');
      tx.remove(c);
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.remove_case',
        entityType: 'review_session',
        entityId: c.session.id,
        before: { caseId, applicationId: c.applicationId, assignments: assigned.length },
        after: null,
      });
      return c.session.id;
    });
    return this.view(user, sessionId);
  }

  // ------------------------------------------------------------------ eligibility and assignment

  /** The facts the rules read: each accepted (or invited) member's profile, each case as an applicant, the declarations. */
  private async facts(em: EntityManager, s: ReviewSession) {
    const panel = await em.find(PanelMember, { session: s }, { populate: ['expert', 'expert.affiliation'] });
    const cases = await em.find(ReviewCase, { session: s }, { orderBy: { position: 'asc' } });
    const assignments = await em.find(ReviewAssignment, { reviewCase: { session: s } });
    const declaredRows = await em.find(DeclaredConflictRow, {
      applicationId: { $in: cases.map((c) => c.applicationId) },
    });
    const declared: DeclaredConflict[] = declaredRows.map((d) => ({
      expertId: d.expert.id,
      applicationId: d.applicationId,
      reason: d.reason,
    }));
    const cities = await this.citiesOf(panel.map((m) => m.expert.affiliation.path));
    const profiles = new Map<string, ExpertProfile>(
      panel.map((m) => [m.expert.id, profileOf(m.expert, cities.get(m.expert.affiliation.path) ?? null)]),
    );
    const cycle = await this.apps.cycle(s.cycleId);
    return {
      panel,
      cases,
      assignments,
      declared,
      profiles,
      scope: scopeOf(cycle?.jurisdictionLevel ?? 'province'),
      applicants: new Map(cases.map((c) => [c.id, applicantOf(c)])),
    };
  }

  /** The cases of a session an expert has no conflict of interest with (computed or declared). */
  async unconflictedCases(em: EntityManager, s: ReviewSession, expertId: string): Promise<Set<string>> {
    const f = await this.facts(em, s);
    return new Set(
      f.cases.filter((c) => !this.reasonsFor(f, s, expertId, c).some((r) => r.code === 'conflict')).map((c) => c.id),
    );
  }

  private loadOf(assignments: ReviewAssignment[], expertId: string): number {
    return assignments.filter((a) => a.expert.id === expertId).length;
  }

  private reasonsFor(
    f: Awaited<ReturnType<SessionService['facts']>>,
    s: ReviewSession,
    expertId: string,
    c: ReviewCase,
    extraLoad = 0,
  ): Reason[] {
    const profile = f.profiles.get(expertId);
    const applicant = f.applicants.get(c.id);
    if (!profile || !applicant) return [];
    return eligibilityOf(profile, applicant, {
      scope: f.scope,
      declared: f.declared,
      sessionDate: s.date,
      pool: POOL,
      load: this.loadOf(f.assignments, expertId) + extraLoad,
      ...(s.maxPerExpert !== null ? { maxLoad: s.maxPerExpert } : {}),
    }).reasons;
  }

  async eligibility(user: Principal, id: string): Promise<EligibilityMatrix> {
    const em = this.em.fork();
    const s = await this.access.writableSession(em, user, id);
    const f = await this.facts(em, s);
    const members = f.panel.filter((m) => m.status !== 'declined');
    return {
      experts: members.map((m) => ({ expertId: m.expert.id, name: m.expert.name, status: m.status })),
      cases: f.cases.map((c) => ({
        caseId: c.id,
        organisationName: c.organisationName,
        cells: members.map((m) => {
          const assigned = f.assignments.some((a) => a.reviewCase.id === c.id && a.expert.id === m.expert.id);
          // an assigned expert is not over its limit by being assigned: count the others
          const reasons = this.reasonsFor(f, s, m.expert.id, c, assigned ? -1 : 0);
          return { expertId: m.expert.id, eligible: reasons.length === 0, assigned, reasons };
        }),
      })),
    };
  }

  private checkAssignable(
    f: Awaited<ReturnType<SessionService['facts']>>,
    s: ReviewSession,
    expertId: string,
    c: ReviewCase,
    extraLoad: number,
  ): void {
    const member = f.panel.find((m) => m.expert.id === expertId);
    if (!member) throw coded('review.not_on_panel');
    if (member.status !== 'accepted') throw coded('review.not_accepted', { expert: member.expert.name });
    const reasons = this.reasonsFor(f, s, expertId, c, extraLoad);
    if (reasons.length)
      throw coded(
        'review.not_eligible',
        { expert: member.expert.name, name: c.organisationName, n: reasons.length },
        { reasons },
      );
  }

  async assign(user: Principal, caseId: string, expertId: string): Promise<ReviewSessionView> {
    const sessionId = await this.em.fork().transactional(async (tx) => {
      const c = await this.access.writableCase(tx, user, caseId);
      const s = await this.access.writableSession(tx, user, c.session.id, true);
      if (s.status === 'closed') throw coded('review.session_wrong_status', { status: s.status });
      const f = await this.facts(tx, s);
      if (f.assignments.some((a) => a.reviewCase.id === c.id && a.expert.id === expertId)) return s.id;
      this.checkAssignable(f, s, expertId, c, 0);
      tx.persist(
        tx.create(ReviewAssignment, { reviewCase: c, expert: tx.getReference(Expert, expertId), source: 'manual' }),
      );
      this.audit.record(tx, actorOf(user), {
        action: 'review.assign',
        entityType: 'review_session',
        entityId: s.id,
        before: null,
        after: { caseId: c.id, applicationId: c.applicationId, expertId, source: 'manual' },
      });
      return s.id;
    });
    return this.view(user, sessionId);
  }

  async unassign(user: Principal, assignmentId: string): Promise<ReviewSessionView> {
    const sessionId = await this.em.fork().transactional(async (tx) => {
      const a = await tx.findOne(
        ReviewAssignment,
        { id: assignmentId },
        { populate: ['reviewCase', 'reviewCase.session'] },
      );
      if (!a) throw notFound('review_assignment');
      const s = await this.access.writableSession(tx, user, a.reviewCase.session.id, true);
      if (a.submittedAt) throw coded('review.assignment_has_scores');
      tx.remove(a);
      this.audit.record(tx, actorOf(user), {
        action: 'review.unassign',
        entityType: 'review_session',
        entityId: s.id,
        before: { caseId: a.reviewCase.id, expertId: a.expert.id, source: a.source },
        after: null,
      });
      return s.id;
    });
    return this.view(user, sessionId);
  }

  /** Every expert to every case — all or nothing: one pair the rules refuse and none is made (each refusal listed). */
  async bulkAssign(user: Principal, id: string, dto: BulkAssignDto): Promise<ReviewSessionView> {
    await this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      if (s.status === 'closed') throw coded('review.session_wrong_status', { status: s.status });
      const f = await this.facts(tx, s);
      const cases = dto.caseIds.map((cid) => {
        const c = f.cases.find((x) => x.id === cid);
        if (!c) throw notFound('review_case');
        return c;
      });
      const refused: { caseId: string; expertId: string; reasons: (Reason | { code: 'not_accepted' })[] }[] = [];
      const made: { caseId: string; expertId: string }[] = [];
      const added = new Map<string, number>();
      for (const expertId of dto.expertIds) {
        const member = f.panel.find((m) => m.expert.id === expertId);
        if (!member) throw coded('review.not_on_panel');
        for (const c of cases) {
          if (f.assignments.some((a) => a.reviewCase.id === c.id && a.expert.id === expertId)) continue;
          if (member.status !== 'accepted') {
            refused.push({ caseId: c.id, expertId, reasons: [{ code: 'not_accepted' }] });
            continue;
          }
          const reasons = this.reasonsFor(f, s, expertId, c, added.get(expertId) ?? 0);
          if (reasons.length) refused.push({ caseId: c.id, expertId, reasons });
          else {
            made.push({ caseId: c.id, expertId });
            added.set(expertId, (added.get(expertId) ?? 0) + 1);
          }
        }
      }
      if (refused.length) throw coded('review.bulk_not_eligible', { n: refused.length }, { refused });
      for (const m of made)
        tx.persist(
          tx.create(ReviewAssignment, {
            reviewCase: tx.getReference(ReviewCase, m.caseId),
            expert: tx.getReference(Expert, m.expertId),
            source: 'manual',
          }),
        );
      this.audit.record(tx, actorOf(user), {
        action: 'review.assign_bulk',
        entityType: 'review_session',
        entityId: s.id,
        before: null,
        after: { assignments: made },
      });
    });
    return this.view(user, id);
  }

  /** The automatic assignment among the accepted members; a proposal unless `apply`. */
  async autoAssign(user: Principal, id: string, apply: boolean): Promise<AutoAssignView> {
    return this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, id, true);
      if (apply && s.status === 'closed') throw coded('review.session_wrong_status', { status: s.status });
      const f = await this.facts(tx, s);
      const accepted = f.panel.filter((m) => m.status === 'accepted');
      const result = autoAssign({
        experts: accepted.map((m) => f.profiles.get(m.expert.id)!),
        applicants: f.cases.map((c) => f.applicants.get(c.id)!),
        minPerApplication: s.minPerApplication,
        ...(s.maxPerExpert !== null ? { maxPerExpert: s.maxPerExpert } : {}),
        existing: f.assignments.map((a) => ({ expertId: a.expert.id, applicationId: a.reviewCase.applicationId })),
        scope: f.scope,
        declared: f.declared,
        sessionDate: s.date,
        pool: POOL,
      });
      const caseOf = new Map(f.cases.map((c) => [c.applicationId, c]));
      const nameOf = new Map(f.panel.map((m) => [m.expert.id, m.expert.name]));
      if (apply) {
        for (const a of result.assignments)
          tx.persist(
            tx.create(ReviewAssignment, {
              reviewCase: caseOf.get(a.applicationId)!,
              expert: tx.getReference(Expert, a.expertId),
              source: 'auto',
            }),
          );
        this.audit.record(tx, actorOf(user), {
          action: 'review.assign_auto',
          entityType: 'review_session',
          entityId: s.id,
          before: null,
          after: {
            assignments: result.assignments.map((a) => ({
              caseId: caseOf.get(a.applicationId)!.id,
              expertId: a.expertId,
            })),
            shortfalls: result.shortfalls.length,
          },
        });
      }
      return {
        applied: apply,
        assignments: result.assignments.map((a) => {
          const c = caseOf.get(a.applicationId)!;
          return {
            caseId: c.id,
            expertId: a.expertId,
            organisationName: c.organisationName,
            expertName: nameOf.get(a.expertId) ?? '',
          };
        }),
        shortfalls: result.shortfalls.map((sf) => {
          const c = caseOf.get(sf.applicationId)!;
          return {
            caseId: c.id,
            organisationName: c.organisationName,
            missing: sf.missing,
            uncoveredSpecialties: sf.uncoveredSpecialties,
            reason: sf.reason,
            params: sf.params,
          };
        }),
        existingProblems: result.existingProblems.map((p) => ({
          caseId: caseOf.get(p.applicationId)!.id,
          expertId: p.expertId,
          reasons: p.reasons,
        })),
      };
    });
  }

  /** The agenda of a session (for the meeting notice). */
  async agenda(
    user: Principal,
    id: string,
  ): Promise<{ session: ReviewSession; agenda: Agenda; chair: string | null; panel: string[]; cycleName: string }> {
    const em = this.em.fork();
    const { session } = await this.access.readableSession(em, user, id);
    const cases = await em.find(ReviewCase, { session });
    const panel = await em.find(PanelMember, { session, status: { $ne: 'declined' } }, { populate: ['expert'] });
    const cycle = await this.apps.cycle(session.cycleId);
    try {
      return {
        session,
        agenda: agendaOf(session, cases),
        chair: panel.find((m) => m.role === 'chair')?.expert.name ?? null,
        panel: panel.filter((m) => m.role !== 'chair').map((m) => m.expert.name),
        cycleName: cycle?.name ?? '',
      };
    } catch (e) {
      if (e instanceof DomainError) throw fromDomain(e);
      throw e;
    }
  }
}

function applyFields(s: ReviewSession, dto: SessionFieldsDto): void {
  if (dto.slotPresent !== undefined) s.slotPresent = dto.slotPresent;
  if (dto.slotQuestions !== undefined) s.slotQuestions = dto.slotQuestions;
  if (dto.breakAfter !== undefined) s.breakAfter = dto.breakAfter;
  if (dto.breakMinutes !== undefined) s.breakMinutes = dto.breakMinutes;
  if (dto.minPerApplication !== undefined) s.minPerApplication = dto.minPerApplication;
  if (dto.maxPerExpert !== undefined) s.maxPerExpert = dto.maxPerExpert;
}

/** The session's settings make an agenda (the model's checks) and its dates are in order. */
function checkSession(s: ReviewSession, cases: ReviewCase[]): void {
  if (s.endDate < s.date) throw coded('review.range_invalid', { from: s.date, to: s.endDate });
  try {
    agendaOf(s, cases);
  } catch (e) {
    if (e instanceof DomainError) throw fromDomain(e);
    throw e;
  }
}

export function profileOf(e: Expert, cityId: string | null): ExpertProfile {
  return {
    id: e.id,
    userId: e.user.id,
    name: e.name,
    affiliationOrgId: e.affiliation.id,
    affiliationPath: pathIds(e.affiliation.path),
    cityId,
    pools: e.pools,
    specialties: e.specialties,
    vendorTies: e.vendorTies,
    consultedOrgIds: e.consultedOrgIds,
    unavailable: e.unavailable,
    active: e.active,
  };
}

export function applicantOf(c: ReviewCase): ApplicantForReview {
  return {
    applicationId: c.applicationId,
    organisationId: c.organisationId,
    organisationPath: pathIds(c.organisationPath),
    cityId: c.cityId,
    vendors: c.vendors,
    neededSpecialties: c.neededSpecialties,
  };
}
