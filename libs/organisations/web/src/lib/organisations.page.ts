import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { type OrgView } from '@hutong/organisations-model';
import { HOSPITAL_GRADES, ORG_KINDS, ORG_LEVELS } from '@hutong/platform-model';
import { allowedParentLevels } from '@hutong/organisations-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import type { NzFormatEmitEvent, NzTreeNode, NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTreeComponent, NzTreeModule } from 'ng-zorro-antd/tree';
import { errorMessage } from '@hutong/platform-web';
import { FilterBar, PagedTable, pagedList, type ListQuery } from '@hutong/platform-web/ui';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService, orgTreeNode, type OrgFilter } from './org-api.service';
import { OrgForm } from './org-form';

type SortKey = NonNullable<OrgFilter['sort']>;
type OrgListFilters = Required<Pick<OrgFilter, 'parentId' | 'descendants' | 'q' | 'level' | 'kind' | 'grade'>>;

/** The api filter of the list's query (sub-organisations only within a selected node). */
function toOrgFilter(query: ListQuery<OrgListFilters, SortKey>): OrgFilter {
  const f = query.filters;
  return {
    ...f,
    descendants: f.parentId ? f.descendants : false,
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    order: query.dir ?? 'asc',
  };
}

@Component({
  selector: 'lib-organisations-page',
  imports: [
    FormsModule,
    NzTreeModule,
    NzTableModule,
    NzCardModule,
    NzInputModule,
    NzSelectModule,
    NzButtonModule,
    NzIconModule,
    NzEmptyModule,
    NzPopconfirmModule,
    NzCheckboxModule,
    NzSpinModule,
    OrgForm,
    FilterBar,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisations.page.html',
  styleUrls: ['./organisations.page.scss'],
})
export class OrganisationsPage {
  private readonly api = inject(OrgApiService);
  private readonly message = inject(NzMessageService);
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  private readonly tree = viewChild(NzTreeComponent);

  protected readonly levels = ORG_LEVELS;
  protected readonly kinds = ORG_KINDS;
  protected readonly grades = HOSPITAL_GRADES;

  // tree
  protected readonly treeNodes = signal<NzTreeNodeOptions[]>([]);
  protected readonly treeLoading = signal(true);
  protected readonly selected = signal<OrgView | null>(null);
  /** A fresh array on every selection, so that the tree re-applies it after its own toggling. */
  protected readonly selectedKeys = signal<string[]>([]);

  // filters and table: the scope (the selected node) is a filter, so choosing a node goes back to page 1
  /** The table waits for the tree's first selection. */
  private readonly scoped = signal(false);
  protected readonly list = pagedList<OrgListFilters, SortKey, OrgView>({
    filters: { parentId: null, descendants: false, q: '', level: null, kind: null, grade: null },
    pageSize: 20,
    enabled: this.scoped,
    loader: (query) => this.api.list(toOrgFilter(query)),
  });
  protected readonly f = this.list.filters;

  // drawer
  protected readonly drawerOpen = signal(false);
  protected readonly editing = signal<OrgView | null>(null);

  protected readonly canWrite = this.auth.canWriteOrgs;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly canCreateHere = computed(() => {
    if (!this.canWrite()) return false;
    const s = this.selected();
    // without a selection only an admin may add a root (a province)
    return s ? ORG_LEVELS.some((l) => allowedParentLevels(l).includes(s.level)) : this.isAdmin();
  });
  protected readonly exportUrl = computed(() => this.api.exportUrl(toOrgFilter(this.list.query())));
  protected readonly heading = computed(() => {
    const s = this.selected();
    return s ? this.t('org.childrenOf', { name: s.name }) : this.t('org.roots');
  });
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());

  constructor() {
    void this.loadRoots();
  }

  private async loadRoots(): Promise<void> {
    this.treeLoading.set(true);
    try {
      const roots = await this.api.roots();
      const nodes = roots.map(orgTreeNode);
      const first = roots[0];
      if (first) {
        // open the first root (a coordinator's jurisdiction) so that the tree is not a single line
        if (first.childCount > 0) {
          const children = await this.api.children(first.id);
          nodes[0].children = children.map(orgTreeNode);
          nodes[0].expanded = true;
        }
        this.selected.set(first);
        this.selectedKeys.set([first.id]);
      }
      this.treeNodes.set(nodes);
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.treeLoading.set(false);
    }
    this.list.setFilter('parentId', this.selected()?.id ?? null);
    this.scoped.set(true);
  }

  async onExpand(e: NzFormatEmitEvent): Promise<void> {
    const node = e.node;
    if (!node || !node.isExpanded || node.getChildren().length > 0 || node.isLeaf) return;
    await this.loadChildren(node);
  }

  private async loadChildren(node: NzTreeNode): Promise<void> {
    node.isLoading = true;
    try {
      const children = await this.api.children(node.key);
      if (children.length === 0) node.isLeaf = true;
      else node.addChildren(children.map(orgTreeNode));
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      node.isLoading = false;
      node.update();
    }
  }

  onTreeClick(e: NzFormatEmitEvent): void {
    const org = e.node?.origin['org'] as OrgView | undefined;
    if (!org) return;
    // clicking the selected node again keeps it selected (the table always has a scope)
    this.select(org);
  }

  protected select(org: OrgView | null): void {
    this.selected.set(org);
    this.selectedKeys.set(org ? [org.id] : []);
    this.list.setFilter('parentId', org?.id ?? null);
  }

  /** 重置: the filters, not the scope (the tree's selection stays). */
  resetFilters(): void {
    this.list.patchFilters({ q: '', level: null, kind: null, grade: null, descendants: false });
  }

  openCreate(): void {
    this.editing.set(null);
    this.drawerOpen.set(true);
  }

  openEdit(org: OrgView): void {
    this.editing.set(org);
    this.drawerOpen.set(true);
  }

  async onSaved(org: OrgView): Promise<void> {
    this.drawerOpen.set(false);
    this.message.success(this.t('common.saved'));
    this.list.reload();
    await this.refreshTreeNode(org.parentId);
  }

  async remove(org: OrgView): Promise<void> {
    try {
      await this.api.delete(org.id);
      this.message.success(this.t('common.deleted'));
      if (this.selected()?.id === org.id) this.select(null);
      else this.list.reload();
      await this.refreshTreeNode(org.parentId);
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    }
  }

  /** Reloads the children of a tree node after a change under it (or the roots). */
  private async refreshTreeNode(parentId: string | null): Promise<void> {
    if (!parentId) {
      const roots = await this.api.roots().catch(() => null);
      if (roots) this.treeNodes.set(roots.map(orgTreeNode));
      return;
    }
    const node = this.tree()?.getTreeNodeByKey(parentId);
    if (!node) return;
    if (node.isLeaf) {
      node.isLeaf = false;
      node.update();
      return;
    }
    if (node.getChildren().length === 0) return; // not loaded yet: it loads when opened
    try {
      const children = await this.api.children(parentId);
      node.clearChildren();
      if (children.length === 0) node.isLeaf = true;
      else node.addChildren(children.map(orgTreeNode));
      node.update();
    } catch {
      // the table already shows the change; the tree catches up when reopened
    }
  }
}
