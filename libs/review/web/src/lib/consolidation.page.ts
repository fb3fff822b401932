import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  type WritableSignal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ASSESSMENT_LEVEL_LABELS_EN, ASSESSMENT_LEVEL_LABELS_ZH, type Level } from '@hutong/assessment-model';
import { AuthService, I18nService, apiErrorOf, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { ReasonDialog, provideReasonDialog } from '@hutong/platform-web/ui-forms';
import { SESSION_KIND_LABELS, type ConsolidationView } from '@hutong/review-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReviewExpertApi, type ConsolidationChange } from './review-expert-api';
import {
  assignmentIdsOf,
  changedConsensus,
  consensusProblem,
  consolidationRows,
  keepTyped,
  parseNumber,
  points,
  shownConsensus,
  vocabulary,
} from './review-expert-logic';

type Item = ConsolidationView['items'][number];
type Expert = ConsolidationView['experts'][number];

/** What the chair typed and has not saved (undefined: untouched). */
interface Typed {
  consensus: Record<string, number | null>;
  opinion?: string;
  passed?: boolean | null;
  rectification?: string;
}

/**
 * 评审结果汇总: the chair's (or the office's) consolidation of one case — per indicator each expert's score, the
 * median, the spread and whether the experts diverge, the consensus (the median unless changed), the panel's opinion
 * (评审意见) and, on site, the result and the rectification (整改要求); the level the saved consensus reaches, with its
 * explanation. Saving names the case's version (someone else saved since: the latest is loaded, what I typed stays
 * marked); confirming hands the consensus and the opinion to the application's rating, for good. A submitted sheet
 * may be reopened (with a reason) until then. Viewers read only.
 */
@Component({
  selector: 'lib-review-consolidation-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzRadioModule,
    NzTableModule,
    NzTagModule,
  ],
  providers: [provideReasonDialog()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!view()) {
      @if (load.errorMessage(); as message) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="message" data-testid="cons-load-error" />
      } @else {
        <div class="muted">{{ t('rx.loading') }}</div>
      }
    }
    @if (view(); as v) {
      <div class="head">
        @if (isExpert()) {
          <a routerLink="/review/workspace" class="back"
            ><nz-icon nzType="arrow-left" /> {{ t('title.reviewWorkspace') }}</a
          >
        } @else {
          <a [routerLink]="['/review/sessions', v.sessionId]" class="back" data-testid="cons-session"
            ><nz-icon nzType="arrow-left" /> {{ t('title.reviewSession') }}</a
          >
        }
        <div class="head-main">
          <h2 class="org" data-testid="cons-org">{{ v.organisationName }}</h2>
          <nz-tag [nzColor]="v.kind === 'onsite' ? 'purple' : 'cyan'">{{ kindLabel(v) }}</nz-tag>
          <nz-tag nzColor="blue">{{ t('rx.sheet.target', { level: level(v.targetLevel) }) }}</nz-tag>
          @if (v.consolidatedAt) {
            <nz-tag nzColor="green" data-testid="cons-confirmed"
              ><nz-icon nzType="lock" /> {{ t('rx.cons.confirmedAt', { time: time(v.consolidatedAt) }) }}</nz-tag
            >
          } @else if (!canEdit()) {
            <nz-tag data-testid="cons-readonly">{{ t('rx.cons.readOnly') }}</nz-tag>
          }
        </div>
      </div>

      @if (!v.allSubmitted) {
        <nz-alert
          class="block"
          nzType="warning"
          nzShowIcon
          [nzMessage]="t('rx.cons.notAllSubmitted', { n: pending().length, names: pendingNames() })"
          data-testid="cons-not-all"
        />
      }
      @if (notice(); as n) {
        <nz-alert
          class="block"
          nzType="warning"
          nzShowIcon
          nzCloseable
          (nzOnClose)="notice.set(null)"
          [nzMessage]="n"
          data-testid="cons-notice"
        />
      }

      <nz-card nzSize="small" class="block" [nzTitle]="t('rx.cons.experts')" data-testid="cons-experts">
        @for (e of v.experts; track e.expertId) {
          <div class="expert" data-testid="cons-expert" [attr.data-expert]="e.name">
            <span class="name">{{ e.name }}</span>
            @if (e.submittedAt) {
              <nz-tag nzColor="green">{{ t('rx.cons.submittedAt', { time: time(e.submittedAt) }) }}</nz-tag>
              @if (canEdit()) {
                <button
                  nz-button
                  nzType="link"
                  nzSize="small"
                  type="button"
                  [disabled]="!assignmentOf(e) || busy() !== null"
                  [title]="assignmentOf(e) ? '' : t('rx.cons.reopenUnavailable')"
                  (click)="reopen(e)"
                  data-testid="cons-reopen"
                >
                  <nz-icon nzType="rollback" />{{ t('rx.cons.reopen') }}
                </button>
              }
            } @else {
              <nz-tag nzColor="orange">{{ t('rx.sheet.notSubmitted') }}</nz-tag>
            }
          </div>
        } @empty {
          <span class="muted">{{ t('rx.cons.noExperts') }}</span>
        }
      </nz-card>

      <nz-card nzSize="small" class="block" [nzTitle]="t('rx.cons.scores')" [nzExtra]="tableExtra">
        <nz-table
          #table
          nzSize="small"
          data-testid="cons-table"
          [nzData]="rows()"
          [nzFrontPagination]="false"
          [nzNoResult]="emptyTpl"
          [nzScroll]="{ x: 640 + v.experts.length * 96 + 'px', y: '60vh' }"
        >
          <thead>
            <tr>
              <th nzWidth="100px" nzLeft>{{ t('rx.cons.code') }}</th>
              <th nzWidth="220px">{{ t('rx.cons.name') }}</th>
              <th nzWidth="64px" nzAlign="right">{{ t('rx.cons.points') }}</th>
              @for (e of v.experts; track e.expertId) {
                <th nzWidth="96px" nzAlign="right" [title]="e.name">{{ e.name }}</th>
              }
              <th nzWidth="76px" nzAlign="right">{{ t('rx.cons.median') }}</th>
              <th nzWidth="64px" nzAlign="right">{{ t('rx.cons.spread') }}</th>
              <th nzWidth="76px">{{ t('rx.cons.divergence') }}</th>
              <th nzWidth="130px" nzRight>{{ t('rx.cons.consensus') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (item of table.data; track item.code) {
              <tr
                data-testid="cons-row"
                [attr.data-code]="item.code"
                [class.divergent]="item.stats.divergent"
                [class.changed]="isChanged(item)"
              >
                <td nzLeft class="mono">{{ item.code }}</td>
                <td>{{ item.name }}</td>
                <td nzAlign="right">{{ item.points }}</td>
                @for (e of v.experts; track e.expertId) {
                  <td nzAlign="right" data-testid="cons-expert-score">{{ points(item.scores[e.expertId]) }}</td>
                }
                <td nzAlign="right" data-testid="cons-median">{{ points(item.stats.median) }}</td>
                <td nzAlign="right">{{ points(item.stats.spread) }}</td>
                <td>
                  @if (item.stats.divergent) {
                    <nz-tag nzColor="red" data-testid="cons-divergent">{{ t('rx.cons.divergent') }}</nz-tag>
                  }
                </td>
                <td nzRight>
                  @if (canEdit()) {
                    <input
                      nz-input
                      type="number"
                      class="consensus"
                      min="0"
                      step="any"
                      [attr.max]="item.points"
                      [ngModel]="shown(item)"
                      (ngModelChange)="setConsensus(item, $event)"
                      [placeholder]="points(item.stats.median)"
                      [nzStatus]="problem(item) ? 'error' : ''"
                      [title]="problem(item) ?? ''"
                      [attr.aria-label]="t('rx.cons.consensus') + ' ' + item.code"
                      data-testid="cons-score"
                      [attr.data-code]="item.code"
                    />
                  } @else {
                    <b data-testid="cons-score-value" [attr.data-code]="item.code">{{ points(shown(item)) }}</b>
                  }
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
        @if (invalidCount()) {
          <div class="danger" data-testid="cons-invalid">{{ t('rx.cons.invalid', { n: invalidCount() }) }}</div>
        }
      </nz-card>

      <div class="grid">
        <nz-card nzSize="small" [nzTitle]="t('rx.cons.opinion')">
          <textarea
            nz-input
            rows="8"
            maxlength="10000"
            [placeholder]="t('rx.cons.opinionPlaceholder')"
            [attr.aria-label]="t('rx.cons.opinion')"
            [ngModel]="opinion()"
            (ngModelChange)="patch({ opinion: $event ?? '' })"
            [disabled]="!canEdit()"
            data-testid="cons-opinion"
          ></textarea>
          @if (v.onsite) {
            <div class="label">{{ t('rx.cons.onsiteResult') }}</div>
            <nz-radio-group
              [ngModel]="passed()"
              (ngModelChange)="patch({ passed: $event })"
              [nzDisabled]="!canEdit()"
              data-testid="cons-passed"
            >
              <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio is the control -->
              <label nz-radio [nzValue]="true" data-value="passed">{{ t('rx.cons.passed') }}</label>
              <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-radio is the control -->
              <label nz-radio [nzValue]="false" data-value="failed">{{ t('rx.cons.failed') }}</label>
            </nz-radio-group>
            <div class="label">{{ t('rx.cons.rectification') }}</div>
            <textarea
              nz-input
              rows="4"
              maxlength="10000"
              [placeholder]="t('rx.cons.rectificationPlaceholder')"
              [attr.aria-label]="t('rx.cons.rectification')"
              [ngModel]="rectification()"
              (ngModelChange)="patch({ rectification: $event ?? '' })"
              [disabled]="!canEdit()"
              data-testid="cons-rectification"
            ></textarea>
          }
        </nz-card>
        <nz-card nzSize="small" [nzTitle]="t('rx.cons.derived')" data-testid="cons-derived">
          @if (v.derived; as d) {
            <div class="derived-level" data-testid="cons-derived-level" [attr.data-level]="d.level ?? 'none'">
              {{ d.level ? level(d.level) : t('rx.cons.noLevel') }}
            </div>
            <ul class="explanation">
              @for (line of d.explanation; track $index) {
                <li>{{ line }}</li>
              }
            </ul>
            @if (dirty()) {
              <div class="muted small">{{ t('rx.cons.derivedSaved') }}</div>
            }
          } @else {
            <div class="muted">{{ t('rx.cons.derivedLater') }}</div>
          }
        </nz-card>
      </div>

      @if (saveError(); as message) {
        <nz-alert class="block" nzType="error" nzShowIcon [nzMessage]="message" data-testid="cons-error" />
      }
      @if (canEdit()) {
        <div class="actions">
          @if (dirty()) {
            <span class="muted">{{ t('rx.cons.unsaved') }}</span>
          }
          <button
            nz-button
            type="button"
            [nzLoading]="busy() === 'save'"
            [disabled]="!dirty() || invalidCount() > 0 || busy() !== null"
            (click)="save()"
            data-testid="cons-save"
          >
            <nz-icon nzType="save" />{{ t('common.save') }}
          </button>
          <button
            nz-button
            nzType="primary"
            type="button"
            [disabled]="busy() !== null || invalidCount() > 0"
            (click)="openConfirm()"
            data-testid="cons-confirm"
          >
            <nz-icon nzType="check-circle" />{{ t('rx.cons.confirm') }}
          </button>
        </div>
      }

      <ng-template #tableExtra>
        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-checkbox is the control -->
        <label
          nz-checkbox
          [ngModel]="divergentOnly()"
          (ngModelChange)="divergentOnly.set($event)"
          data-testid="cons-divergent-only"
          >{{ t('rx.cons.divergentOnly', { n: divergentCount() }) }}</label
        >
      </ng-template>
      <ng-template #emptyTpl>
        <nz-empty
          [nzNotFoundContent]="divergentOnly() ? t('rx.cons.noDivergent') : t('rx.sheet.noItems')"
          data-testid="cons-empty"
        />
      </ng-template>

      <nz-modal
        [nzVisible]="confirmOpen()"
        [nzTitle]="t('rx.cons.confirmTitle')"
        [nzMaskClosable]="false"
        (nzOnCancel)="confirmOpen.set(false)"
      >
        <ng-container *nzModalContent>
          <p data-testid="cons-confirm-what">{{ t('rx.cons.confirmWhat') }}</p>
          @if (!v.allSubmitted) {
            <p class="danger">{{ t('rx.cons.notAllSubmitted', { n: pending().length, names: pendingNames() }) }}</p>
          }
          @if (confirmError(); as message) {
            <nz-alert nzType="error" nzShowIcon [nzMessage]="message" data-testid="cons-confirm-error" />
          }
        </ng-container>
        <ng-container *nzModalFooter>
          <button nz-button type="button" (click)="confirmOpen.set(false)">{{ t('common.cancel') }}</button>
          <button
            nz-button
            nzType="primary"
            nzDanger
            type="button"
            [nzLoading]="busy() === 'confirm'"
            (click)="confirm()"
            data-testid="cons-confirm-ok"
          >
            {{ t('rx.cons.confirm') }}
          </button>
        </ng-container>
      </nz-modal>
    }
  `,
  styles: `
    .block {
      display: block;
      margin-bottom: 12px;
    }
    .head {
      margin-bottom: 12px;
    }
    .back {
      display: inline-block;
      margin-bottom: 4px;
    }
    .head-main {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .org {
      margin: 0;
      font-size: 20px;
    }
    .expert {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin: 0 16px 4px 0;
    }
    .expert .name {
      font-weight: 500;
    }
    tr.divergent > td {
      background: #fff7e6;
    }
    tr.changed .consensus {
      border-color: #1677ff;
      font-weight: 600;
    }
    .consensus {
      width: 100px;
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 12px;
      margin-bottom: 12px;
    }
    .label {
      color: rgba(0, 0, 0, 0.45);
      font-size: 12px;
      margin: 12px 0 4px;
    }
    .derived-level {
      font-size: 18px;
      font-weight: 600;
      margin-bottom: 6px;
    }
    .explanation {
      margin: 0;
      padding-left: 18px;
    }
    .small {
      font-size: 12px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      align-items: center;
      gap: 8px;
    }
    @media (max-width: 900px) {
      .grid {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class ConsolidationPage {
  private readonly api = inject(ReviewExpertApi);
  private readonly auth = inject(AuthService);
  private readonly message = inject(NzMessageService);
  private readonly reasons = inject(ReasonDialog);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  /** the case (the route's :caseId) */
  readonly caseId = input<string>('');

  protected readonly load = loadResource({
    params: () => this.caseId() || undefined,
    loader: (id) => this.api.consolidation(id),
  });
  protected readonly view = signal<ConsolidationView | null>(null);
  protected readonly typed = signal<Typed>({ consensus: {} });
  protected readonly divergentOnly = signal(false);
  protected readonly busy = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly confirmOpen = signal(false);
  protected readonly confirmError = signal<string | null>(null);
  private readonly reopenDrafts = new Map<string, WritableSignal<string>>();

  protected readonly isExpert = computed(() => this.auth.role() === 'expert');
  protected readonly canEdit = computed(() => {
    const v = this.view();
    const role = this.auth.role();
    return !!v && !v.consolidatedAt && (role === 'expert' || role === 'coordinator' || role === 'admin');
  });
  /** each expert's assignment here, for the reopen action (from the session the case is in) */
  private readonly sessionLoad = loadResource({
    params: () => (this.canEdit() ? this.view()?.sessionId : undefined),
    loader: (id) => this.api.session(id).catch(() => null),
  });
  private readonly assignments = computed(() =>
    assignmentIdsOf(this.sessionLoad.value() ?? null, this.view()?.caseId ?? ''),
  );

  protected readonly rows = computed(() => {
    const v = this.view();
    return v ? consolidationRows(v, this.divergentOnly(), this.typed().consensus) : [];
  });
  protected readonly divergentCount = computed(() => this.view()?.items.filter((i) => i.stats.divergent).length ?? 0);
  protected readonly pending = computed(() => (this.view()?.experts ?? []).filter((e) => !e.submittedAt));
  protected readonly pendingNames = computed(() =>
    this.pending()
      .map((e) => e.name)
      .join(this.i18n.isZh() ? '、' : ', '),
  );
  protected readonly opinion = computed(() => this.typed().opinion ?? this.view()?.opinion ?? '');
  protected readonly passed = computed(() => {
    const t = this.typed();
    return t.passed !== undefined ? t.passed : (this.view()?.onsite?.passed ?? null);
  });
  protected readonly rectification = computed(
    () => this.typed().rectification ?? this.view()?.onsite?.rectification ?? '',
  );
  protected readonly invalidCount = computed(() => {
    const v = this.view();
    const typed = this.typed().consensus;
    return (v?.items ?? []).filter((i) => i.code in typed && consensusProblem(typed[i.code] ?? null, i.points)).length;
  });
  private readonly change = computed<ConsolidationChange>(() => {
    const v = this.view();
    const t = this.typed();
    if (!v) return {};
    const out: ConsolidationChange = {};
    const consensus = changedConsensus(v, t.consensus);
    if (consensus.length) out.consensus = consensus;
    if (t.opinion !== undefined && t.opinion.trim() !== v.opinion.trim()) out.opinion = t.opinion;
    if (v.onsite) {
      if (t.passed !== undefined && t.passed !== v.onsite.passed) out.passed = t.passed;
      if (t.rectification !== undefined && t.rectification.trim() !== v.onsite.rectification.trim())
        out.rectification = t.rectification;
    }
    return out;
  });
  protected readonly dirty = computed(() => Object.keys(this.change()).length > 0);

  protected readonly points = points;
  protected readonly time = (d: string | null | undefined) => formatDateTime(d, this.i18n.lang());
  protected readonly kindLabel = (v: ConsolidationView) => vocabulary(SESSION_KIND_LABELS, v.kind, this.i18n.lang());

  constructor() {
    effect(() => {
      const v = this.load.value();
      if (v) untracked(() => this.adopt(v));
    });
  }

  /** Takes the server's view; what I typed that it does not have stays. */
  private adopt(v: ConsolidationView): void {
    this.view.set(v);
    this.typed.update((t) => {
      const next: Typed = { consensus: keepTyped(v, t.consensus) };
      if (t.opinion !== undefined && t.opinion.trim() !== v.opinion.trim()) next.opinion = t.opinion;
      if (v.onsite) {
        if (t.passed !== undefined && t.passed !== v.onsite.passed) next.passed = t.passed;
        if (t.rectification !== undefined && t.rectification.trim() !== v.onsite.rectification.trim())
          next.rectification = t.rectification;
      }
      return next;
    });
  }

  protected level(l: Level | null | undefined): string {
    if (!l) return '';
    return this.i18n.isZh() ? ASSESSMENT_LEVEL_LABELS_ZH[l] : ASSESSMENT_LEVEL_LABELS_EN[l];
  }

  protected shown(item: Item): number | null {
    return shownConsensus(item, this.typed().consensus[item.code]);
  }

  protected isChanged(item: Item): boolean {
    const v = this.typed().consensus[item.code];
    return v !== undefined && v !== item.consensus;
  }

  protected problem(item: Item): string | null {
    const typed = this.typed().consensus;
    if (!(item.code in typed)) return null;
    const p = consensusProblem(typed[item.code] ?? null, item.points);
    if (!p) return null;
    return p === 'required' ? this.t('common.required') : this.t('rx.sheet.scoreRange', { max: item.points });
  }

  protected setConsensus(item: Item, raw: string | number | null): void {
    const n = parseNumber(raw);
    this.typed.update((t) => ({ ...t, consensus: { ...t.consensus, [item.code]: n } }));
  }

  protected patch(p: Partial<Omit<Typed, 'consensus'>>): void {
    this.typed.update((t) => ({ ...t, ...p }));
  }

  protected assignmentOf(e: Expert): string | null {
    return (e as Expert & { assignmentId?: string }).assignmentId ?? this.assignments().get(e.expertId) ?? null;
  }

  /** Someone else saved since: the latest is loaded (what I typed stays, marked) and I am told. */
  private changedElsewhere(err: unknown): boolean {
    if (apiErrorOf(err)?.code !== 'review.case_changed') return false;
    this.notice.set(`${errorMessage(err, this.t)} ${this.t('rx.cons.reloaded')}`);
    this.load.reload();
    return true;
  }

  /** Saves the changes on the case's version; true when saved (or nothing to save). */
  async save(): Promise<boolean> {
    const v = this.view();
    if (!v || !this.canEdit()) return false;
    const change = this.change();
    if (!Object.keys(change).length) return true;
    const sent = this.typed();
    this.busy.set('save');
    this.saveError.set(null);
    try {
      const next = await this.api.saveConsolidation(v.caseId, v.version, change);
      // what I typed while it saved stays; what was sent is the server's now
      this.typed.update((t) => {
        const consensus = { ...t.consensus };
        for (const c of change.consensus ?? [])
          if (consensus[c.itemCode] === sent.consensus[c.itemCode]) delete consensus[c.itemCode];
        return {
          consensus,
          ...(t.opinion !== sent.opinion ? { opinion: t.opinion } : {}),
          ...(t.passed !== sent.passed ? { passed: t.passed } : {}),
          ...(t.rectification !== sent.rectification ? { rectification: t.rectification } : {}),
        };
      });
      this.adopt(next);
      this.notice.set(null);
      this.message.success(this.t('common.saved'));
      return true;
    } catch (err) {
      if (!this.changedElsewhere(err)) this.saveError.set(errorMessage(err, this.t));
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  protected openConfirm(): void {
    this.confirmError.set(null);
    this.confirmOpen.set(true);
  }

  /** Saves what is typed, then confirms on the saved version. */
  async confirm(): Promise<void> {
    this.confirmError.set(null);
    if (this.dirty() && !(await this.save())) {
      this.confirmError.set(this.saveError() ?? this.notice() ?? this.t('rx.cons.saveFirst'));
      return;
    }
    const v = this.view();
    if (!v) return;
    this.busy.set('confirm');
    try {
      const next = await this.api.confirm(v.caseId, v.version);
      this.adopt(next);
      this.confirmOpen.set(false);
      this.message.success(this.t('rx.cons.confirmed'));
    } catch (err) {
      if (this.changedElsewhere(err)) this.confirmOpen.set(false);
      else this.confirmError.set(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }

  async reopen(e: Expert): Promise<void> {
    const v = this.view();
    const assignmentId = this.assignmentOf(e);
    if (!v || !assignmentId) return;
    let draft = this.reopenDrafts.get(e.expertId);
    if (!draft) {
      draft = signal('');
      this.reopenDrafts.set(e.expertId, draft);
    }
    const reason = await this.reasons.ask({
      title: this.t('rx.cons.reopenTitle', { name: e.name }),
      description: this.t('rx.cons.reopenWhat', { name: e.name }),
      okText: this.t('rx.cons.reopen'),
      draft,
      testId: 'cons-reopen-reason',
      submit: (r) => this.api.reopen(assignmentId, r),
    });
    if (reason === null) return;
    draft.set('');
    this.message.success(this.t('rx.cons.reopened', { name: e.name }));
    this.load.reload();
    this.sessionLoad.reload();
  }
}
