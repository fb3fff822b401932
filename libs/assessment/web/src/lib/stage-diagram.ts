import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ApplicationAction, ApplicationState, ApplicationView } from '@hutong/assessment-model';
import { STAGE_GRAPH, stageOf, type Stage } from '@hutong/assessment-model';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';

export interface DiagramStage {
  stage: Exclude<Stage, 0>;
  states: ApplicationState[];
  status: 'done' | 'current' | 'todo' | 'skipped';
}

/**
 * The four stages of STAGE_GRAPH with their states, marked done / current / to do for `current`.
 * With the states the application went through, a passed stage none of whose states it visited
 * (the on-site inspection for levels that need none) is marked skipped rather than done.
 */
export function diagramStages(current: ApplicationState, visited?: ReadonlySet<ApplicationState>): DiagramStage[] {
  const now = stageOf(current);
  const stages: Exclude<Stage, 0>[] = [1, 2, 3, 4];
  return stages.map((stage) => {
    const states = STAGE_GRAPH.nodes.filter((n) => n.stage === stage).map((n) => n.state);
    const passed = now !== 0 && stage < now;
    const skipped = passed && !!visited && !states.some((st) => visited.has(st));
    return {
      stage,
      states,
      status: now === 0 ? 'todo' : skipped ? 'skipped' : passed ? 'done' : stage === now ? 'current' : 'todo',
    };
  });
}

/** Where each action of the current state leads (per STAGE_GRAPH). */
export function targetsFrom(state: ApplicationState, action: ApplicationAction): ApplicationState[] {
  return STAGE_GRAPH.edges.filter((e) => e.from === state && e.action === action).map((e) => e.to);
}

/** The stage diagram: 自评估 → 文件审查 → 现场查验 → 等级评定/公示, the current state, and what comes next. */
@Component({
  selector: 'lib-stage-diagram',
  imports: [NzTagModule, NzIconModule, NzTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stages" data-testid="stage-diagram">
      @for (s of stages(); track s.stage; let last = $last) {
        <div class="stage" [class]="s.status" [attr.data-stage]="s.stage" [attr.data-status]="s.status">
          <div class="stage-head">
            <span class="num">{{ s.stage }}</span>
            <span class="name">{{ text.stage(s.stage) }}</span>
          </div>
          <div class="states">
            @for (st of s.states; track st) {
              <span
                class="state"
                [class.current]="st === app().state"
                [class.visited]="visited().has(st)"
                [attr.data-state]="st"
                [attr.data-testid]="st === app().state ? 'stage-current' : null"
                >{{ text.state(st) }}</span
              >
            }
          </div>
        </div>
        @if (!last) {
          <div class="arrow" aria-hidden="true">→</div>
        }
      }
    </div>
    @if (app().state === 'withdrawn') {
      <div class="withdrawn">
        <nz-tag>{{ text.state('withdrawn') }}</nz-tag>
      </div>
    }
    <div class="next" data-testid="next-actions">
      <span class="next-label">{{ t('app.nextActions') }}：</span>
      @for (a of app().actions; track a.action) {
        <span
          class="action"
          [class.blocked]="!a.allowed"
          data-testid="next-action"
          [attr.data-action]="a.action"
          [attr.data-allowed]="a.allowed"
        >
          @if (a.allowed) {
            <nz-icon nzType="check-circle" class="ok" />
          } @else {
            <nz-icon nzType="minus-circle" />
          }
          {{ text.action(a.action) }}
          @for (to of targets(a.action); track to) {
            <span class="muted">→ {{ text.state(to) }}</span>
          }
          @if (!a.allowed && a.reason) {
            <span class="reason" data-testid="next-action-reason">（{{ reasonOf(a) }}）</span>
          }
        </span>
      } @empty {
        <span class="muted" data-testid="no-actions">{{ t('app.noActions') }}</span>
      }
    </div>
  `,
  styles: `
    .stages {
      display: flex;
      align-items: stretch;
      gap: 8px;
      overflow-x: auto;
    }
    .stage {
      flex: 1 1 0;
      min-width: 170px;
      border: 1px solid #d9d9d9;
      border-radius: 6px;
      padding: 8px 10px;
      background: #fafafa;
      &.done {
        border-color: #b7eb8f;
        background: #f6ffed;
      }
      &.skipped {
        border-style: dashed;
        opacity: 0.6;
      }
      &.current {
        border-color: #1677ff;
        background: #e6f4ff;
        box-shadow: 0 0 0 2px rgba(22, 119, 255, 0.15);
      }
    }
    .stage-head {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 8px;
      font-weight: 500;
      .num {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: #d9d9d9;
        color: #fff;
        font-size: 12px;
      }
    }
    .done .num {
      background: #52c41a;
    }
    .current .num {
      background: #1677ff;
    }
    .states {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .state {
      font-size: 12px;
      padding: 1px 6px;
      border-radius: 3px;
      border: 1px dashed #d9d9d9;
      color: rgba(0, 0, 0, 0.45);
      background: #fff;
      &.visited {
        border-style: solid;
        color: rgba(0, 0, 0, 0.75);
      }
      &.current {
        border: 1px solid #1677ff;
        background: #1677ff;
        color: #fff;
        font-weight: 500;
      }
    }
    .arrow {
      align-self: center;
      color: rgba(0, 0, 0, 0.35);
      font-size: 18px;
    }
    .withdrawn {
      margin-top: 8px;
    }
    .next {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 16px;
      margin-top: 12px;
    }
    .next-label {
      color: rgba(0, 0, 0, 0.55);
    }
    .action {
      white-space: nowrap;
      .ok {
        color: #52c41a;
      }
      &.blocked {
        color: rgba(0, 0, 0, 0.45);
      }
    }
    .reason {
      color: #d46b08;
      white-space: normal;
    }
    .muted {
      color: rgba(0, 0, 0, 0.45);
    }
  `,
})
export class StageDiagram {
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;
  /** A blocked action's reason in the current language (the server's Chinese text when it sent no code). */
  protected readonly reasonOf = (a: {
    reason: string | null;
    code?: string;
    params?: Record<string, string | number>;
  }) => (a.code ? this.t.message?.(a.code, a.params) : null) ?? a.reason ?? '';

  readonly app = input.required<ApplicationView>();

  protected readonly stages = computed(() => diagramStages(this.app().state, this.visited()));
  protected readonly visited = computed(() => {
    const set = new Set<ApplicationState>();
    for (const e of this.app().history) {
      if (e.from) set.add(e.from);
      set.add(e.to);
    }
    set.add(this.app().state);
    return set;
  });
  protected readonly targets = (a: ApplicationAction) => targetsFrom(this.app().state, a);
}
