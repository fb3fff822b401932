import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { formatInTimeZone } from 'date-fns-tz';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { SHANGHAI } from '@hutong/platform-model';
import { AuditService, actorOf, coded, type Principal } from '@hutong/platform-server';
import { NotificationService } from '@hutong/notifications-server';
import type { NotificationInput } from '@hutong/notifications-model';
import { isQuietHour } from '@hutong/tasks-model';
import { SCORING_AUDIENCE, scoringReminderStep, type RemindResult } from '@hutong/review-model';
import { PanelMember, ReviewAssignment, ReviewSession } from './entities/review.entities';
import { ReviewAccess } from './review-access';

/** The unsubmitted sheets of one session in scoring, grouped by expert. */
interface Pending {
  session: ReviewSession;
  chairUserId: string | null;
  experts: Map<string, { userId: string; name: string; sheets: number }>;
}

/**
 * Reminds experts of score sheets they have not submitted (issue: "overdue scoring reminded", by the tasks
 * capability's reminder rule — see `scoringReminderStep`): per session and expert one notification per step
 * (before the deadline, on its day, each overdue day), and from the second overdue day the chair, from the
 * fourth the coordinator who runs the session, hear who is late. Idempotent through the notifications'
 * dedupe keys (`review_session:<id>:remind:<step>:<expert>`): a scan repeated, or two workers, notify once.
 * Nothing goes out in the quiet hours (22:00–08:00 Asia/Shanghai); the steps missed meanwhile fold into one.
 */
@Injectable()
export class ScoringReminders {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationService,
    private readonly access: ReviewAccess,
    private readonly audit: AuditService,
  ) {}

  private async pending(em: EntityManager, sessionId?: string): Promise<Pending[]> {
    const open = await em.find(
      ReviewAssignment,
      {
        submittedAt: null,
        reviewCase: { session: sessionId ? { id: sessionId, status: 'scoring' } : { status: 'scoring' } },
      },
      { populate: ['reviewCase.session', 'expert.user'] },
    );
    const bySession = new Map<string, Pending>();
    for (const a of open) {
      const s = a.reviewCase.session;
      const p = bySession.get(s.id) ?? { session: s, chairUserId: null, experts: new Map() };
      bySession.set(s.id, p);
      const e = p.experts.get(a.expert.id) ?? { userId: a.expert.user.id, name: a.expert.name, sheets: 0 };
      e.sheets++;
      p.experts.set(a.expert.id, e);
    }
    if (bySession.size) {
      const chairs = await em.find(
        PanelMember,
        { session: { id: { $in: [...bySession.keys()] } }, role: 'chair', status: 'accepted' },
        { populate: ['expert.user'] },
      );
      for (const c of chairs) bySession.get(c.session.id)!.chairUserId = c.expert.user.id;
    }
    return [...bySession.values()];
  }

  /** One scan at `now` (the worker's timer passes the clock; tests pass the instant): notifications written. */
  async scanOnce(now: Date = new Date()): Promise<number> {
    if (isQuietHour(now)) return 0;
    return this.em.fork().transactional(async (tx) => {
      const items: NotificationInput[] = [];
      for (const p of await this.pending(tx)) {
        const s = p.session;
        const step = scoringReminderStep(s.scoringDue, now);
        if (!step) continue;
        const audience = SCORING_AUDIENCE[step.audience];
        const overdue = step.offsetDays > 0;
        for (const [expertId, e] of p.experts)
          items.push({
            userId: e.userId,
            titleCode: overdue ? 'review.notify_scoring_overdue' : 'review.notify_scoring_reminder',
            params: { title: s.title, count: e.sheets, due: s.scoringDue, days: step.offsetDays },
            link: '/review/workspace',
            dedupeKey: `review_session:${s.id}:remind:${step.key}:${expertId}`,
            subjectType: 'review_session',
            subjectId: s.id,
          });
        const late = {
          title: s.title,
          count: p.experts.size,
          names: [...p.experts.values()].map((e) => e.name).join('、'),
          days: step.offsetDays,
        };
        const told = new Set<string>();
        const tell = (userId: string | null, who: string) => {
          if (!userId || told.has(userId)) return;
          told.add(userId);
          items.push({
            userId,
            titleCode: 'review.notify_scoring_late',
            params: late,
            link: `/review/sessions/${s.id}`,
            dedupeKey: `review_session:${s.id}:late:${step.key}:${who}`,
            subjectType: 'review_session',
            subjectId: s.id,
          });
        };
        // the chair's own late sheet is reminded above; the escalation is about the others
        if (audience.includes('chair')) tell(p.chairUserId, 'chair');
        if (audience.includes('organiser')) tell(s.createdBy.id, 'organiser');
      }
      return this.notifications.notify(items, tx);
    });
  }

  /**
   * The coordinator's "remind now": every expert with an unsubmitted sheet in the session is told at once
   * (once per expert and Shanghai day, however often it is pressed); audited.
   */
  async remindNow(user: Principal, sessionId: string, now: Date = new Date()): Promise<RemindResult> {
    return this.em.fork().transactional(async (tx) => {
      const s = await this.access.writableSession(tx, user, sessionId, true);
      if (s.status !== 'scoring') throw coded('review.session_wrong_status', { status: s.status });
      const [p] = await this.pending(tx, s.id);
      const day = formatInTimeZone(now, SHANGHAI, 'yyyy-MM-dd');
      const experts = p ? [...p.experts] : [];
      const reminded = await this.notifications.notify(
        experts.map(([expertId, e]) => ({
          userId: e.userId,
          titleCode: 'review.notify_scoring_reminder',
          params: { title: s.title, count: e.sheets, due: s.scoringDue, days: 0 },
          link: '/review/workspace',
          dedupeKey: `review_session:${s.id}:remind:manual-${day}:${expertId}`,
          subjectType: 'review_session',
          subjectId: s.id,
        })),
        tx,
      );
      const sheets = experts.reduce((n, [, e]) => n + e.sheets, 0);
      this.audit.record(tx, actorOf(user), {
        action: 'review_session.remind',
        entityType: 'review_session',
        entityId: s.id,
        before: null,
        after: { experts: experts.length, sheets, reminded },
      });
      return { experts: experts.length, sheets, reminded };
    });
  }
}

/** The worker's timer over `ScoringReminders.scanOnce` (every REMINDER_SCAN_MS, like the tasks' due-scan). */
@Injectable()
export class ScoringReminderScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ScoringReminderScanner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly reminders: ScoringReminders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.reminders
        .scanOnce()
        .then((n) => {
          if (n) this.log.log(`scoring reminders: ${n} notifications`);
        })
        .catch((e: unknown) => this.log.error(`scoring reminder scan: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.reminderScanMs);
        });
    }, delay);
  }
}
