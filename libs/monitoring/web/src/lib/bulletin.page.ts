import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';
import {
  CONNECTION_STATUS_LABELS,
  RECTIFY_TARGETS,
  TIER_LABELS,
  bulletinNarrative,
  type BulletinStatus,
  type BulletinTableRow,
  type RectificationResult,
  type RectifyTarget,
} from '@hutong/monitoring-model';
import { AuthService, I18nService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MonChart } from './mon-chart';
import { MonitoringApi } from './monitoring-api';
import {
  BULLETIN_STATUS_COLORS,
  TIERS,
  count,
  day,
  labelOf,
  paragraphFigureProblems,
  pct,
  rectifyDefaults,
  rectifyRows,
  shanghaiToday,
  tierChartOption,
} from './monitoring-logic';
import { fromDateString, toDateString } from './period-picker';

interface Requirement {
  text: string;
  due: string;
}

const sameRequirement = (a: Requirement | null, b: Requirement | null) =>
  a === b || (!!a && !!b && a.text.trim() === b.text.trim() && a.due === b.due);

/**
 * A bulletin: the editor (title, issuer, the narrative's paragraphs, the requirement) beside a live preview of the
 * document as it will read (title, addressee, the paragraphs as typed, the attachment table, the tier chart). An
 * edited paragraph with a figure the generated text does not have is marked with those figures and cannot be
 * saved. A draft is saved and published (then it is read only; a correction is a new version); a published one is
 * downloaded as Word and Excel and opens rectification tasks for its institutions (not connected, interrupted,
 * tier 3 or 4). Nothing typed is lost on an error.
 */
@Component({
  selector: 'lib-monitoring-bulletin-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDatePickerModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    MonChart,
  ],
  providers: [NzModalService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 16px;
    }
    .head h2 {
      margin: 0;
      font-size: 18px;
    }
    .spacer {
      flex: 1 1 auto;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(360px, 5fr) minmax(0, 7fr);
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 1100px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .paragraph {
      margin-bottom: 12px;
    }
    .paragraph-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      font-size: 12px;
    }
    .figures {
      color: #cf1322;
      font-size: 12px;
      margin-top: 4px;
    }
    textarea.bad {
      border-color: #cf1322;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .doc {
      background: #fff;
      border: 1px solid #f0f0f0;
      padding: 32px 40px;
      font-family: 'FangSong', 'STFangsong', 'SimSun', serif;
      font-size: 15px;
      line-height: 1.9;
    }
    .doc h1 {
      text-align: center;
      font-family: 'SimHei', 'Microsoft YaHei', sans-serif;
      font-size: 22px;
      margin-bottom: 24px;
    }
    .doc p.text {
      text-indent: 2em;
      margin: 0 0 4px;
      white-space: pre-wrap;
    }
    .doc p.bad {
      background: #fff1f0;
    }
    .doc .sign {
      text-align: right;
      margin-top: 24px;
    }
    .doc h3 {
      margin-top: 32px;
      font-size: 15px;
    }
    .doc table {
      width: 100%;
      min-width: 820px;
      border-collapse: collapse;
      font-family: sans-serif;
      font-size: 12px;
      line-height: 1.5;
    }
    .doc th,
    .doc td {
      border: 1px solid #d9d9d9;
      padding: 2px 4px;
      text-align: center;
    }
    .doc td.name {
      text-align: left;
      min-width: 150px;
    }
    .doc td.note {
      min-width: 120px;
      text-align: left;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .small {
      font-size: 12px;
    }
    .due {
      width: 200px;
    }
  `,
  template: `
    <div class="head">
      <a routerLink="/monitoring/bulletins"><nz-icon nzType="arrow-left" /> {{ t('mon.bul.back') }}</a>
    </div>
    @if (load.errorMessage(); as m) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="bulletin-load-error" />
    }
    @if (view(); as v) {
      <div class="head">
        <h2>{{ v.title }}</h2>
        <nz-tag [nzColor]="statusColor(v.status)" data-testid="bulletin-status" [attr.data-status]="v.status">{{
          statusLabel(v.status)
        }}</nz-tag>
        <span class="muted">{{ t('mon.bul.versionN', { n: v.version }) }}</span>
        <span class="spacer"></span>
        <a nz-button [href]="docxUrl()" download data-testid="bulletin-docx"
          ><nz-icon nzType="file-word" />{{ t('mon.bul.docx') }}</a
        >
        <a nz-button [href]="xlsxUrl()" download data-testid="bulletin-xlsx"
          ><nz-icon nzType="file-excel" />{{ t('mon.bul.xlsx') }}</a
        >
        @if (canEdit()) {
          @if (v.status === 'draft') {
            <button
              nz-button
              [disabled]="!canSave()"
              [nzLoading]="saving()"
              (click)="save()"
              data-testid="bulletin-save"
            >
              <nz-icon nzType="save" />{{ t('mon.bul.save') }}
            </button>
            <button
              nz-button
              nzType="primary"
              [disabled]="dirty() || saving()"
              (click)="publish()"
              data-testid="bulletin-publish"
            >
              <nz-icon nzType="send" />{{ t('mon.bul.publish') }}
            </button>
          } @else if (v.status === 'published') {
            <button nz-button [nzLoading]="saving()" (click)="revise()" data-testid="bulletin-revise">
              <nz-icon nzType="reload" />{{ t('mon.bul.revise') }}
            </button>
          }
        }
      </div>
      <div class="muted block">
        {{
          t('mon.bul.meta', {
            scope: v.scopeName,
            from: day(v.period.from),
            to: day(v.period.to),
            asOf: day(v.asOf),
            catalogue: v.catalogue,
          })
        }}
        @if (v.publishedAt) {
          · {{ t('mon.bul.publishedAt') }} {{ when(v.publishedAt) }}
        }
      </div>
      @if (actionError(); as m) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="bulletin-error" />
      }
      @if (v.status === 'published') {
        <nz-alert nzType="info" nzShowIcon [nzMessage]="t('mon.bul.readOnly')" class="block" />
      } @else if (v.status === 'superseded') {
        <nz-alert nzType="warning" nzShowIcon [nzMessage]="t('mon.bul.supersededNote')" class="block" />
      }

      <div class="layout">
        <div>
          @if (editable()) {
            <nz-card [nzTitle]="t('mon.bul.edit')" nzSize="small" class="block" data-testid="bulletin-editor">
              <div nz-form nzLayout="vertical">
                <nz-form-item>
                  <nz-form-label nzRequired>{{ t('mon.bul.docTitle') }}</nz-form-label>
                  <nz-form-control>
                    <input
                      nz-input
                      maxlength="200"
                      [ngModel]="title()"
                      (ngModelChange)="title.set($event)"
                      data-testid="bulletin-title"
                    />
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label>{{ t('mon.bul.issuer') }}</nz-form-label>
                  <nz-form-control>
                    <input
                      nz-input
                      maxlength="200"
                      [ngModel]="issuer()"
                      (ngModelChange)="issuer.set($event)"
                      data-testid="bulletin-issuer"
                    />
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label>{{ t('mon.bul.paragraphs') }}</nz-form-label>
                  <nz-form-control [nzExtra]="t('mon.bul.figuresHint')">
                    @for (p of paragraphs(); track $index; let i = $index) {
                      <div class="paragraph" data-testid="bulletin-paragraph" [attr.data-index]="i">
                        <div class="paragraph-head muted">
                          <span>{{ t('mon.bul.paragraphN', { n: i + 1 }) }}</span>
                          <button
                            nz-button
                            nzType="link"
                            nzSize="small"
                            nzDanger
                            [disabled]="paragraphs().length <= 1"
                            (click)="removeParagraph(i)"
                            [attr.data-testid]="'bulletin-paragraph-remove-' + i"
                          >
                            <nz-icon nzType="delete" />{{ t('mon.bul.removeParagraph') }}
                          </button>
                        </div>
                        <textarea
                          nz-input
                          [class.bad]="figureProblems()[i]?.length"
                          rows="4"
                          [ngModel]="p"
                          (ngModelChange)="setParagraph(i, $event)"
                          [attr.aria-label]="t('mon.bul.paragraphN', { n: i + 1 })"
                          [attr.data-testid]="'bulletin-paragraph-' + i"
                        ></textarea>
                        @if (figureProblems()[i]?.length) {
                          <div class="figures" [attr.data-testid]="'bulletin-paragraph-figures-' + i">
                            {{ t('mon.bul.figuresNotAllowed', { figures: figureProblems()[i]!.join('、') }) }}
                          </div>
                        }
                      </div>
                    }
                    <button nz-button nzType="dashed" (click)="addParagraph()" data-testid="bulletin-paragraph-add">
                      <nz-icon nzType="plus" />{{ t('mon.bul.addParagraph') }}
                    </button>
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label>{{ t('mon.bul.requirement') }}</nz-form-label>
                  <nz-form-control [nzExtra]="t('mon.bul.requirementHint')">
                    <textarea
                      nz-input
                      rows="2"
                      maxlength="500"
                      [ngModel]="requirementText()"
                      (ngModelChange)="requirementText.set($event)"
                      [placeholder]="t('mon.bul.requirementPlaceholder')"
                      [attr.aria-label]="t('mon.bul.requirementText')"
                      data-testid="bulletin-requirement-text"
                    ></textarea>
                    <div class="row" style="margin-top: 8px">
                      <span class="muted">{{ t('mon.bul.requirementDue') }}</span>
                      <nz-date-picker
                        class="due"
                        [ngModel]="dueDate()"
                        (ngModelChange)="requirementDue.set($event ? toDateString($event) : null)"
                        data-testid="bulletin-requirement-due"
                      />
                      @if (requirementProblem(); as rp) {
                        <span class="figures">{{ rp }}</span>
                      }
                    </div>
                  </nz-form-control>
                </nz-form-item>
              </div>
              @if (dirty()) {
                <div class="muted small" data-testid="bulletin-unsaved">{{ t('mon.bul.unsaved') }}</div>
              }
            </nz-card>
          }

          @if (v.status === 'published' && canEdit()) {
            <nz-card [nzTitle]="t('mon.rect.title')" nzSize="small" class="block" data-testid="rectify-panel">
              <p class="muted">{{ t('mon.rect.intro') }}</p>
              <div nz-form nzLayout="vertical">
                <nz-form-item>
                  <nz-form-label nzRequired>{{ t('mon.rect.target') }}</nz-form-label>
                  <nz-form-control [nzExtra]="t('mon.rect.targetCount', { n: targetCount() })">
                    <nz-select [ngModel]="target()" (ngModelChange)="pickTarget($event)" data-testid="rectify-target">
                      @for (x of targets; track x) {
                        <nz-option [nzValue]="x" [nzLabel]="targetLabel(x)" />
                      }
                    </nz-select>
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label nzRequired>{{ t('mon.rect.taskTitle') }}</nz-form-label>
                  <nz-form-control
                    [nzValidateStatus]="rectifyTried() && !rectTitle().trim() ? 'error' : ''"
                    [nzErrorTip]="t('mon.rect.problem.required')"
                  >
                    <input
                      nz-input
                      maxlength="200"
                      [ngModel]="rectTitle()"
                      (ngModelChange)="rectTitle.set($event)"
                      data-testid="rectify-title"
                    />
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label nzRequired>{{ t('mon.rect.instructions') }}</nz-form-label>
                  <nz-form-control
                    [nzValidateStatus]="rectifyTried() && !rectInstructions().trim() ? 'error' : ''"
                    [nzErrorTip]="t('mon.rect.problem.required')"
                  >
                    <textarea
                      nz-input
                      rows="3"
                      maxlength="4000"
                      [ngModel]="rectInstructions()"
                      (ngModelChange)="rectInstructions.set($event)"
                      data-testid="rectify-instructions"
                    ></textarea>
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label nzRequired>{{ t('mon.rect.due') }}</nz-form-label>
                  <nz-form-control
                    [nzValidateStatus]="rectDueProblem() ? 'error' : ''"
                    [nzErrorTip]="rectDueProblem() ?? ''"
                  >
                    <nz-date-picker
                      class="due"
                      [ngModel]="rectDueDate()"
                      (ngModelChange)="rectDue.set($event ? toDateString($event) : null)"
                      [nzDisabledDate]="beforeToday"
                      data-testid="rectify-due"
                    />
                  </nz-form-control>
                </nz-form-item>
              </div>
              @if (rectifyError(); as m) {
                <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="rectify-error" />
              }
              @if (rectifyResult(); as r) {
                <nz-alert
                  nzType="success"
                  nzShowIcon
                  class="block"
                  [nzMessage]="
                    r.skipped
                      ? t('mon.rect.resultSkipped', { opened: r.opened, skipped: r.skipped })
                      : t('mon.rect.result', { opened: r.opened })
                  "
                  data-testid="rectify-result"
                />
              }
              <button
                nz-button
                nzType="primary"
                [disabled]="!targetCount() || rectifying()"
                [nzLoading]="rectifying()"
                (click)="openRectification()"
                data-testid="rectify-open"
              >
                <nz-icon nzType="send" />{{ t('mon.rect.open') }}
              </button>
              @if (!targetCount()) {
                <div class="muted small" style="margin-top: 8px">{{ t('mon.rect.noTargets') }}</div>
              }
            </nz-card>
          }
        </div>

        <nz-card [nzTitle]="t('mon.bul.preview')" nzSize="small" class="block">
          <div class="doc" data-testid="bulletin-preview">
            <h1 data-testid="bulletin-preview-title">{{ title() }}</h1>
            <p>{{ t('mon.bul.addressee') }}</p>
            @for (p of previewParagraphs(); track $index; let i = $index) {
              <p class="text" [class.bad]="figureProblems()[i]?.length" [attr.data-testid]="'bulletin-preview-' + i">
                {{ p }}
              </p>
            }
            <div class="sign">
              <div>{{ issuer() }}</div>
              <div>{{ day(v.publishedAt ?? v.asOf) }}</div>
            </div>
            <h3>{{ t('mon.bul.attachment', { title: title() }) }}</h3>
            <div class="table-wrap">
              <table data-testid="bulletin-table">
                <thead>
                  <tr>
                    <th>{{ t('mon.bul.col.no') }}</th>
                    <th>{{ t('mon.bul.col.institution') }}</th>
                    <th>{{ t('mon.bul.col.region') }}</th>
                    <th>{{ t('mon.bul.col.connection') }}</th>
                    <th>{{ t('mon.bul.col.uploaded') }}</th>
                    <th>{{ t('mon.bul.col.required') }}</th>
                    <th>{{ t('mon.bul.col.completeness') }}</th>
                    <th>{{ t('mon.bul.col.uploadDays') }}</th>
                    <th>{{ t('mon.bul.col.interruptionDays') }}</th>
                    <th>{{ t('mon.bul.col.volume') }}</th>
                    <th>{{ t('mon.bul.col.tier') }}</th>
                    <th>{{ t('mon.bul.col.note') }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (r of v.rows; track r.orgId; let i = $index) {
                    <tr data-testid="bulletin-table-row" [attr.data-code]="r.code">
                      <td>{{ i + 1 }}</td>
                      <td class="name">{{ r.institution }}</td>
                      <td>{{ r.region }}</td>
                      <td>{{ connectionLabel(r) }}</td>
                      <td>{{ r.tablesUploaded }}</td>
                      <td>{{ r.tablesRequired }}</td>
                      <td>{{ r.connection === 'not_connected' ? '—' : pct(r.completeness) }}</td>
                      <td>{{ r.uploadDays }}</td>
                      <td>{{ r.interruptionDays }}</td>
                      <td>{{ count(r.volume) }}</td>
                      <td>{{ tierText(r) }}</td>
                      <td class="note">{{ r.note ?? '' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          </div>
          <h4 style="margin-top: 16px">{{ t('mon.bul.tierChart') }}</h4>
          <div data-testid="bulletin-tiers">
            <lib-mon-chart [options]="tierChart()" [height]="220" />
          </div>
        </nz-card>
      </div>
    }
  `,
})
export class BulletinPage {
  private readonly api = inject(MonitoringApi);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly modal = inject(NzModalService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  private readonly today = shanghaiToday();
  protected readonly targets = RECTIFY_TARGETS;

  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('id') ?? undefined)));
  protected readonly load = loadResource({ params: () => this.id(), loader: (id) => this.api.bulletin(id) });
  protected readonly view = computed(() => this.load.value() ?? null);

  protected readonly canEdit = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });
  protected readonly editable = computed(() => this.canEdit() && this.view()?.status === 'draft');

  // the edits: reset from each bulletin loaded or saved (an error keeps them as typed)
  protected readonly title = linkedSignal(() => this.view()?.title ?? '');
  protected readonly issuer = linkedSignal(() => this.view()?.issuer ?? '');
  protected readonly paragraphs = linkedSignal<string[]>(() => [...(this.view()?.narrative ?? [])]);
  protected readonly requirementText = linkedSignal(() => this.view()?.requirement?.text ?? '');
  protected readonly requirementDue = linkedSignal<string | null>(() => this.view()?.requirement?.due ?? null);
  protected readonly dueDate = computed(() => {
    const d = this.requirementDue();
    return d ? fromDateString(d) : null;
  });

  /** the requirement as edited: null without one, undefined while half filled in */
  private readonly requirement = computed<Requirement | null | undefined>(() => {
    const text = this.requirementText().trim();
    const due = this.requirementDue();
    if (!text && !due) return null;
    return text && due && text.length <= 500 ? { text, due } : undefined;
  });
  protected readonly requirementProblem = computed(() => {
    const text = this.requirementText().trim();
    const due = this.requirementDue();
    if (text && !due) return this.t('mon.bul.problem.dueRequired');
    if (!text && due) return this.t('mon.bul.problem.textRequired');
    return null;
  });
  private readonly requirementChanged = computed(() => {
    const v = this.view();
    const r = this.requirement();
    return !!v && r !== undefined && !sameRequirement(r, v.requirement);
  });
  /** the text the figures are checked against: the server's, or as it will be generated with the new requirement */
  private readonly generated = computed(() => {
    const v = this.view();
    if (!v) return [];
    const r = this.requirement();
    if (!this.requirementChanged() || r === undefined) return v.generated;
    return bulletinNarrative(v.facts, {
      scope: v.scopeName,
      period: v.period,
      ...(r ? { requirement: r } : {}),
    });
  });
  /** the paragraphs as they will be saved (with the requirement's paragraph following the requirement) */
  protected readonly previewParagraphs = computed(() => {
    const v = this.view();
    const ps = this.paragraphs();
    if (!v || !this.requirementChanged()) return ps;
    const old = v.generated.length && v.requirement ? v.generated[v.generated.length - 1] : undefined;
    const next = this.generated();
    const fresh = this.requirement() ? next[next.length - 1] : undefined;
    const kept = old !== undefined && ps[ps.length - 1] === old ? ps.slice(0, -1) : ps;
    return fresh !== undefined ? [...kept, fresh] : kept;
  });
  protected readonly figureProblems = computed(() =>
    paragraphFigureProblems(this.generated(), this.previewParagraphs()),
  );
  private readonly cleaned = computed(() =>
    this.previewParagraphs()
      .map((p) => p.trim())
      .filter(Boolean),
  );
  protected readonly dirty = computed(() => {
    const v = this.view();
    if (!v || v.status !== 'draft') return false;
    const ps = this.cleaned();
    return (
      this.title().trim() !== v.title ||
      this.issuer().trim() !== v.issuer ||
      this.requirementChanged() ||
      ps.length !== v.narrative.length ||
      ps.some((p, i) => p !== v.narrative[i])
    );
  });
  protected readonly saving = signal(false);
  protected readonly canSave = computed(
    () =>
      this.dirty() &&
      !this.saving() &&
      !!this.title().trim() &&
      this.requirement() !== undefined &&
      this.cleaned().length > 0 &&
      this.figureProblems().every((f) => !f.length),
  );
  protected readonly actionError = signal<string | null>(null);

  // rectification
  protected readonly target = signal<RectifyTarget>('not_connected');
  protected readonly rectTitle = signal(rectifyDefaults('not_connected', this.i18n.lang()).title);
  protected readonly rectInstructions = signal(rectifyDefaults('not_connected', this.i18n.lang()).instructions);
  protected readonly rectDue = signal<string | null>(null);
  protected readonly rectDueDate = computed(() => {
    const d = this.rectDue();
    return d ? fromDateString(d) : null;
  });
  protected readonly rectifyTried = signal(false);
  protected readonly rectDueProblem = computed(() => {
    const d = this.rectDue();
    if (!d) return this.rectifyTried() ? this.t('mon.rect.problem.required') : null;
    return d < this.today ? this.t('mon.rect.problem.duePast') : null;
  });
  protected readonly targetCount = computed(() => rectifyRows(this.view()?.rows ?? [], this.target()).length);
  protected readonly rectifying = signal(false);
  protected readonly rectifyError = signal<string | null>(null);
  protected readonly rectifyResult = signal<RectificationResult | null>(null);

  protected readonly docxUrl = computed(() => this.api.bulletinDocxUrl(this.id() ?? ''));
  protected readonly xlsxUrl = computed(() => this.api.bulletinXlsxUrl(this.id() ?? ''));
  protected readonly tierChart = computed(() => {
    const f = this.view()?.facts;
    if (!f) return {};
    const tiers = { 1: f.tiers[1].length, 2: f.tiers[2].length, 3: f.tiers[3].length, 4: f.tiers[4].length };
    return tierChartOption({ tiers, institutions: f.institutions, connected: f.connected }, this.i18n.lang());
  });

  protected readonly toDateString = toDateString;
  protected readonly beforeToday = (d: Date): boolean => toDateString(d) < this.today;
  protected readonly count = count;
  protected readonly pct = pct;
  protected readonly day = (d: string | null | undefined) => day(d, this.i18n.lang());
  protected readonly when = (d: string) => formatDateTime(d, this.i18n.lang());
  protected readonly statusColor = (s: BulletinStatus) => BULLETIN_STATUS_COLORS[s];
  protected readonly statusLabel = (s: BulletinStatus) => this.t(`mon.bul.status.${s}`);
  protected readonly targetLabel = (x: RectifyTarget) => this.t(`mon.rect.target.${x}`);
  protected readonly connectionLabel = (r: BulletinTableRow) =>
    labelOf(CONNECTION_STATUS_LABELS, r.connection, this.i18n.lang());
  protected readonly tierText = (r: BulletinTableRow) =>
    r.connection === 'not_connected'
      ? '—'
      : r.tier && TIERS.includes(r.tier)
        ? labelOf(TIER_LABELS, r.tier, this.i18n.lang())
        : this.t('mon.bul.noTier');

  protected setParagraph(i: number, text: string): void {
    this.paragraphs.update((ps) => ps.map((p, j) => (j === i ? text : p)));
  }

  protected addParagraph(): void {
    this.paragraphs.update((ps) => [...ps, '']);
  }

  protected removeParagraph(i: number): void {
    this.paragraphs.update((ps) => (ps.length > 1 ? ps.filter((_, j) => j !== i) : ps));
  }

  protected async save(): Promise<void> {
    const v = this.view();
    if (!v || !this.canSave()) return;
    this.saving.set(true);
    this.actionError.set(null);
    try {
      const r = this.requirement();
      const saved = await this.api.updateBulletin(v.id, {
        title: this.title().trim(),
        issuer: this.issuer().trim() || undefined,
        narrative: this.cleaned(),
        ...(this.requirementChanged() && r !== undefined ? { requirement: r } : {}),
      });
      this.load.set(saved);
      this.message.success(this.t('mon.bul.saved'));
    } catch (e) {
      this.actionError.set(errorMessage(e, this.t));
    } finally {
      this.saving.set(false);
    }
  }

  protected publish(): void {
    const v = this.view();
    if (!v) return;
    if (this.dirty()) {
      this.message.warning(this.t('mon.bul.publishSaveFirst'));
      return;
    }
    this.modal.confirm({
      nzTitle: this.t('mon.bul.publishTitle'),
      nzContent: this.t('mon.bul.publishText'),
      nzOkText: this.t('mon.bul.publish'),
      nzCancelText: this.t('common.cancel'),
      nzOnOk: async () => {
        this.actionError.set(null);
        try {
          this.load.set(await this.api.publishBulletin(v.id));
          this.message.success(this.t('mon.bul.published'));
        } catch (e) {
          this.actionError.set(errorMessage(e, this.t));
        }
      },
    });
  }

  protected async revise(): Promise<void> {
    const v = this.view();
    if (!v) return;
    this.saving.set(true);
    this.actionError.set(null);
    try {
      const next = await this.api.reviseBulletin(v.id);
      this.message.success(this.t('mon.bul.revised', { n: next.version }));
      await this.router.navigate(['/monitoring/bulletins', next.id]);
    } catch (e) {
      this.actionError.set(errorMessage(e, this.t));
    } finally {
      this.saving.set(false);
    }
  }

  protected pickTarget(x: RectifyTarget): void {
    const before = rectifyDefaults(this.target(), this.i18n.lang());
    const next = rectifyDefaults(x, this.i18n.lang());
    // the defaults follow the target; what the user typed stays
    if (this.rectTitle() === before.title) this.rectTitle.set(next.title);
    if (this.rectInstructions() === before.instructions) this.rectInstructions.set(next.instructions);
    this.target.set(x);
    this.rectifyResult.set(null);
  }

  protected openRectification(): void {
    const v = this.view();
    this.rectifyTried.set(true);
    const title = this.rectTitle().trim();
    const instructions = this.rectInstructions().trim();
    const due = this.rectDue();
    if (!v || !title || !instructions || !due || this.rectDueProblem()) return;
    const n = this.targetCount();
    const target = this.target();
    this.modal.confirm({
      nzTitle: this.t('mon.rect.confirmTitle'),
      nzContent: this.t('mon.rect.confirmText', { n, title, due: this.day(due) }),
      nzOkText: this.t('mon.rect.open'),
      nzCancelText: this.t('common.cancel'),
      nzOnOk: async () => {
        this.rectifying.set(true);
        this.rectifyError.set(null);
        this.rectifyResult.set(null);
        try {
          const r = await this.api.rectify(v.id, { target, title, instructions, dueDate: due });
          this.rectifyResult.set(r);
          this.load.reload();
        } catch (e) {
          this.rectifyError.set(errorMessage(e, this.t));
        } finally {
          this.rectifying.set(false);
        }
      },
    });
  }
}
