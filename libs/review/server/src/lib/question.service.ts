import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { QuestionView } from '@hutong/review-model';
import { shanghaiDate } from '@hutong/platform-model';
import { AuditService, actorOf, coded, notFound, type Principal } from '@hutong/platform-server';
import { TaskService } from '@hutong/tasks-server';
import { ApplicationReader } from '@hutong/assessment-server';
import { PanelMember, ReviewAssignment, ReviewCase, ReviewQuestion } from './entities/review.entities';
import type { RaiseQuestionDto } from './review.dto';
import { ReviewAccess } from './review-access';
import { sheetItems } from './session.service';

/** The task form of a question: the answer, and files that support it. */
const ANSWER_FORM = [
  { key: 'answer', label: '答复', type: 'text' as const, required: true, maxLength: 4000 },
  { key: 'files', label: '佐证材料', type: 'attachments' as const, required: false, maxFiles: 10 },
];

/**
 * Questions (质询): an expert on a case's panel asks on one indicator; the applicant gets an "answer the question"
 * task with the due date (the tasks capability: reminders, attachments, the applicant's task list), opened in the
 * same transaction as the question; the panel reads the answer and its files in place.
 */
@Injectable()
export class QuestionService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly access: ReviewAccess,
    private readonly tasks: TaskService,
    private readonly apps: ApplicationReader,
  ) {}

  async raise(user: Principal, assignmentId: string, dto: RaiseQuestionDto): Promise<QuestionView> {
    const em = this.em.fork();
    const a = await this.access.ownAssignment(em, user, assignmentId);
    const d = await this.apps.dossier(a.reviewCase.applicationId);
    const leaf = sheetItems(d, a.reviewCase.session.kind).find((l) => l.code === dto.itemCode);
    if (!leaf) throw coded('review.item_not_on_sheet', { item: dto.itemCode });
    if (dto.dueDate <= shanghaiDate(new Date())) throw coded('review.question_due_invalid');
    if (a.reviewCase.session.status !== 'scoring')
      throw coded('review.session_wrong_status', { status: a.reviewCase.session.status });
    const id = await em.transactional(async (tx) => {
      const q = tx.create(ReviewQuestion, {
        reviewCase: tx.getReference(ReviewCase, a.reviewCase.id),
        expert: a.expert,
        itemCode: leaf.code,
        text: dto.text.trim(),
        dueDate: dto.dueDate,
      });
      tx.persist(q);
      q.taskId = await this.tasks.openForProcess(tx, actorOf(user), {
        kind: 'answer_question',
        assigneeOrgId: a.reviewCase.organisationId,
        title: `答复专家质询：${leaf.code} ${leaf.title}`,
        instructions: `${a.reviewCase.session.title}，专家对指标 ${leaf.code}「${leaf.title}」提出质询：\n${q.text}`,
        dueDate: dto.dueDate,
        form: ANSWER_FORM,
        aboutType: 'question',
        aboutId: q.id,
        sourceKey: `review_question:${q.id}`,
      });
      this.audit.record(tx, actorOf(user), {
        action: 'review.question',
        entityType: 'review_session',
        entityId: a.reviewCase.session.id,
        before: null,
        after: {
          questionId: q.id,
          caseId: a.reviewCase.id,
          itemCode: q.itemCode,
          dueDate: q.dueDate,
          taskId: q.taskId,
        },
      });
      return q.id;
    });
    const q = await em.findOneOrFail(ReviewQuestion, { id }, { populate: ['expert', 'reviewCase'] });
    return (await this.views([q], a.expert.id))[0]!;
  }

  /** A case's questions with their answers (for the panel). */
  async ofCase(em: EntityManager, c: ReviewCase, viewerExpertId: string | null): Promise<QuestionView[]> {
    const rows = await em.find(
      ReviewQuestion,
      { reviewCase: c },
      { populate: ['expert'], orderBy: { createdAt: 'asc' } },
    );
    return this.views(rows, viewerExpertId);
  }

  private async views(rows: ReviewQuestion[], viewerExpertId: string | null): Promise<QuestionView[]> {
    const states = await this.tasks.processStates(rows.map((q) => q.taskId).filter((t): t is string => !!t));
    return rows.map((q) => {
      const t = q.taskId ? states.get(q.taskId) : undefined;
      const answer = t?.answers && t.submittedAt ? t.answers['answer'] : undefined;
      return {
        id: q.id,
        caseId: q.reviewCase.id,
        itemCode: q.itemCode,
        text: q.text,
        dueDate: q.dueDate,
        askedBy: q.expert.name,
        mine: q.expert.id === viewerExpertId,
        createdAt: q.createdAt.toISOString(),
        taskId: q.taskId,
        answer:
          typeof answer === 'string' && t?.submittedAt
            ? { text: answer, submittedAt: t.submittedAt, attachments: t.attachments }
            : null,
        taskStatus: t?.status ?? null,
      };
    });
  }

  /** A file of an answer, for a member assigned to the case (or its chair, or staff). */
  async answerFile(
    user: Principal,
    questionId: string,
    attachmentId: string,
  ): Promise<{ path: string; name: string; mime: string }> {
    const em = this.em.fork();
    const q = await em.findOne(ReviewQuestion, { id: questionId }, { populate: ['reviewCase', 'reviewCase.session'] });
    if (!q || !q.taskId) throw notFound('review_question');
    if (user.role === 'expert') {
      const expert = await this.access.expertOf(em, user);
      const on =
        (await em.count(ReviewAssignment, { reviewCase: q.reviewCase, expert })) +
        (await em.count(PanelMember, { session: q.reviewCase.session, expert, role: 'chair' }));
      if (!on) throw notFound('review_question');
    } else if (!this.access.staffSees(user, q.reviewCase.session)) throw notFound('review_question');
    return this.tasks.processAttachmentFile(q.taskId, attachmentId);
  }
}
