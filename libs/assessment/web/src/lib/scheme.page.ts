import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ASSESS_METHODS,
  LEVELS,
  type IndicatorNode,
  type Level,
  type LevelRule,
  type SchemeView,
} from '@hutong/assessment-model';
import { levelTotals, roundPoints, schemeProblems } from '@hutong/assessment-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
import { AssessmentApiService } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';

export interface TreeRow {
  node: IndicatorNode;
  depth: number;
  leaf: boolean;
  total: number;
}

/**
 * The tree as rows, depth first, with each node's depth and what its children add up to; with `expanded`, only the
 * children of the groups in it (the editor opens a part at a time: the official scheme's 282 indicators, each row
 * a set of inputs, are too many to render at once).
 */
export function flattenTree(tree: IndicatorNode[], expanded?: ReadonlySet<string>): TreeRow[] {
  const out: TreeRow[] = [];
  const walk = (nodes: IndicatorNode[], depth: number) => {
    for (const n of nodes) {
      // a group's total is what its children add up to (the scheme rule compares it with the group's points)
      const total = n.children.length ? roundPoints(n.children.reduce((a, c) => a + c.points, 0)) : n.points;
      out.push({ node: n, depth, leaf: n.children.length === 0, total });
      if (!expanded || expanded.has(n.code)) walk(n.children, depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

/** A copy of the tree with `patch` applied to the node `code`. */
export function patchNode(tree: IndicatorNode[], code: string, patch: Partial<IndicatorNode>): IndicatorNode[] {
  return tree.map((n) =>
    n.code === code
      ? { ...n, ...patch }
      : n.children.length
        ? { ...n, children: patchNode(n.children, code, patch) }
        : n,
  );
}

/** A copy of the tree without the node `code` (and what is under it). */
export function removeNode(tree: IndicatorNode[], code: string): IndicatorNode[] {
  return tree
    .filter((n) => n.code !== code)
    .map((n) => (n.children.length ? { ...n, children: removeNode(n.children, code) } : n));
}

/** A copy of the tree with the node `code` moved one place up (-1) or down (+1) among its siblings. */
export function moveNode(tree: IndicatorNode[], code: string, dir: -1 | 1): IndicatorNode[] {
  const i = tree.findIndex((n) => n.code === code);
  if (i >= 0) {
    const j = i + dir;
    if (j < 0 || j >= tree.length) return tree;
    const out = [...tree];
    [out[i], out[j]] = [out[j] as IndicatorNode, out[i] as IndicatorNode];
    return out;
  }
  return tree.map((n) => (n.children.length ? { ...n, children: moveNode(n.children, code, dir) } : n));
}

/**
 * A copy of the tree with a new indicator at the end of part `partCode`: the next free code (part.N), binary,
 * 0 points (the part still adds up; the admin then sets points and the part's total together).
 */
export function addIndicator(
  tree: IndicatorNode[],
  partCode: string,
  title: string,
): { tree: IndicatorNode[]; code: string } {
  let code = '';
  const add = (nodes: IndicatorNode[]): IndicatorNode[] =>
    nodes.map((n) => {
      if (n.code !== partCode) return n.children.length ? { ...n, children: add(n.children) } : n;
      const taken = new Set(n.children.map((c) => c.code));
      let k = n.children.length + 1;
      while (taken.has(`${partCode}.${k}`)) k++;
      code = `${partCode}.${k}`;
      const leaf: IndicatorNode = {
        code,
        title,
        points: 0,
        minLevel: '3',
        mandatory: false,
        passScore: 0,
        evidenceRequired: false,
        method: 'document',
        children: [],
        scoring: 'binary',
      };
      return { ...n, children: [...n.children, leaf] };
    });
  const next = add(tree);
  return { tree: next, code };
}

/** 指标体系 view: the indicator tree and the level rules; admins edit them inline (a scheme in use gets a new version). */
@Component({
  selector: 'lib-scheme-page',
  imports: [
    FormsModule,
    RouterLink,
    NzCardModule,
    NzTableModule,
    NzTagModule,
    NzButtonModule,
    NzIconModule,
    NzInputNumberModule,
    NzSelectModule,
    NzCheckboxModule,
    NzAlertModule,
    NzEmptyModule,
    NzSpinModule,
    NzPopconfirmModule,
    NzInputModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './scheme.page.html',
  styleUrls: ['./assessment.scss'],
  styles: `
    .indent {
      display: inline-block;
      flex: none;
    }
    .toggle,
    .toggle-space {
      flex: none;
      width: 24px;
      padding: 0;
    }
    .tree-head {
      display: flex;
      align-items: baseline;
      gap: 8px;
      margin-bottom: 8px;
    }
    .tree-head h4 {
      margin: 0;
    }
    .tree-head .grow {
      flex: 1 1 auto;
    }
    .node-cell {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .title-input {
      flex: 1 1 auto;
      min-width: 120px;
    }
    .node-tools {
      flex: none;
      white-space: nowrap;
    }
    .group {
      font-weight: 500;
    }
    nz-input-number {
      width: 90px;
    }
    .level-select {
      width: 120px;
    }
    .method-select {
      width: 120px;
    }
    .allow-lower {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 12px;
      margin: 0 0 12px;
    }
  `,
})
export class SchemePage {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  readonly id = input.required<string>();

  protected readonly levels = LEVELS;
  protected readonly methods = ASSESS_METHODS;
  protected readonly scheme = signal<SchemeView | null>(null);
  protected readonly tree = signal<IndicatorNode[]>([]);
  protected readonly rules = signal<LevelRule[]>([]);
  protected readonly dirty = signal(false);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);
  /** whether a missed target level may be awarded as the lower level reached (the coordinator still decides) */
  protected readonly allowLower = signal(true);

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  /** the groups shown open: the categories at first (their parts listed), a part when the editor opens it */
  protected readonly expanded = signal<ReadonlySet<string> | null>(null);
  private readonly open = computed(() => this.expanded() ?? new Set(this.tree().map((c) => c.code)));
  protected readonly rows = computed(() => flattenTree(this.tree(), this.open()));
  protected readonly isOpen = (code: string) => this.open().has(code);
  /** the nodes a level rule can set a minimum for: the parts (表8-2 rows), with their points */
  protected readonly parts = computed(() =>
    this.tree().flatMap((c) =>
      c.children.filter((p) => p.children.length > 0).map((p) => ({ code: p.code, title: p.title, points: p.points })),
    ),
  );
  /** the 等级分 row: per level, the sum of its minimums */
  protected readonly totals = computed(() => levelTotals(this.rules()));
  protected readonly problems = computed(() => schemeProblems(this.tree(), this.rules()));
  protected readonly badPoints = (n: IndicatorNode) => !(n.points >= 0);
  protected readonly badPass = (n: IndicatorNode) => !(n.passScore >= 0 && n.passScore <= n.points);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.apply(await this.api.scheme(id));
    } catch (err) {
      this.loadError.set(errorMessage(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  private apply(s: SchemeView): void {
    this.scheme.set(s);
    this.tree.set(s.tree);
    this.rules.set(s.levelRules);
    this.allowLower.set(s.allowLowerLevel);
    this.dirty.set(false);
    this.saveError.set(null);
  }

  patch(code: string, patch: Partial<IndicatorNode>): void {
    this.tree.update((t) => patchNode(t, code, patch));
    this.dirty.set(true);
  }

  rename(code: string, title: string): void {
    this.patch(code, { title });
  }

  remove(code: string): void {
    this.tree.update((t) => removeNode(t, code));
    // a removed part takes its minimums with it
    this.rules.update((rules) =>
      rules.map((r) => {
        if (!(code in r.minimums)) return r;
        const minimums = { ...r.minimums };
        delete minimums[code];
        return { ...r, minimums };
      }),
    );
    this.dirty.set(true);
  }

  move(code: string, dir: -1 | 1): void {
    this.tree.update((t) => moveNode(t, code, dir));
    this.dirty.set(true);
  }

  add(partCode: string): void {
    const { tree } = addIndicator(this.tree(), partCode, this.t('schemes.newIndicator'));
    this.tree.set(tree);
    // the new indicator is shown: its part opens
    if (!this.isOpen(partCode)) this.toggle(partCode);
    this.dirty.set(true);
  }

  toggle(code: string): void {
    const next = new Set(this.open());
    if (next.has(code)) next.delete(code);
    else next.add(code);
    this.expanded.set(next);
  }

  /** every group open (or only the categories again) */
  expandAll(open: boolean): void {
    const groups = new Set<string>();
    const walk = (ns: IndicatorNode[], depth: number) =>
      ns.forEach((n) => {
        if (n.children.length && (open || depth === 0)) groups.add(n.code);
        walk(n.children, depth + 1);
      });
    walk(this.tree(), 0);
    this.expanded.set(groups);
  }

  /** a part (second level) takes new indicators */
  isPart(r: TreeRow): boolean {
    return r.depth === 1 && !r.leaf;
  }

  num(v: unknown): number {
    return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }

  patchRule(level: Level, patch: Partial<LevelRule>): void {
    this.rules.update((rules) => rules.map((r) => (r.level === level ? { ...r, ...patch } : r)));
    this.dirty.set(true);
  }

  /** 表8-2: the minimum score of a part for a level (null: no requirement, "—"). */
  setMinimum(level: Level, part: string, value: number | null): void {
    const rule = this.rules().find((r) => r.level === level);
    if (!rule) return;
    const v = typeof value === 'number' && Number.isFinite(value) ? value : null;
    this.patchRule(level, { minimums: { ...rule.minimums, [part]: v } });
  }

  minimum(level: Level, part: string): number | null {
    const v = this.rules().find((r) => r.level === level)?.minimums[part];
    return typeof v === 'number' ? v : null;
  }

  ruleOf(level: Level): LevelRule | undefined {
    return this.rules().find((r) => r.level === level);
  }

  exportUrl(format: 'json' | 'xlsx'): string {
    return this.api.schemeExportUrl(this.id(), format);
  }

  setAllowLower(on: boolean): void {
    this.allowLower.set(on);
    this.dirty.set(true);
  }

  reset(): void {
    const s = this.scheme();
    if (s) this.apply(s);
  }

  async save(): Promise<void> {
    const s = this.scheme();
    if (!s || this.problems().length) return;
    this.busy.set(true);
    this.saveError.set(null);
    try {
      const saved = await this.api.updateScheme(s.id, {
        name: s.name,
        allowLowerLevel: this.allowLower(),
        tree: this.tree(),
        levelRules: this.rules(),
      });
      if (saved.id !== s.id || saved.version !== s.version) {
        this.message.success(this.t('schemes.newVersion', { n: saved.version }));
        this.apply(saved);
        if (saved.id !== s.id) void this.router.navigate(['/schemes', saved.id]);
      } else {
        this.message.success(this.t('common.saved'));
        this.apply(saved);
      }
    } catch (err) {
      // the edits stay on screen
      this.saveError.set(errorMessage(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
