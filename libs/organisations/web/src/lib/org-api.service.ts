import { Injectable, inject } from '@angular/core';
import type { CreateOrgRequest, ImportJobView, OrgView, UpdateOrgRequest } from '@hutong/organisations-model';
import type { HospitalGrade, OrgKind, OrgLevel } from '@hutong/platform-model';
import type { Paged } from '@hutong/platform-model';
import {
  ApiClient,
  operationUrl,
  organisationCreate,
  organisationExport,
  organisationGet,
  organisationList,
  organisationRemove,
  organisationRoots,
  organisationUpdate,
  orgImportGet,
  orgImportRecent,
  orgImportTemplate,
  orgImportUpload,
} from '@hutong/platform-web';
import type { NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';

export interface OrgFilter {
  parentId?: string | null;
  descendants?: boolean;
  q?: string;
  level?: OrgLevel | null;
  kind?: OrgKind | null;
  grade?: HospitalGrade | null;
  page?: number;
  pageSize?: number;
  sort?: 'code' | 'name' | 'level' | 'updatedAt' | null;
  order?: 'asc' | 'desc' | null;
}

/** The query of a filter, leaving out empty values (the sort order only with a sort). */
export function orgQuery(f: OrgFilter) {
  return {
    parentId: f.parentId ?? undefined,
    descendants: f.descendants || undefined,
    q: f.q?.trim() || undefined,
    level: f.level ?? undefined,
    kind: f.kind ?? undefined,
    grade: f.grade ?? undefined,
    page: f.page,
    pageSize: f.pageSize,
    sort: f.sort ?? undefined,
    order: f.sort ? (f.order ?? 'asc') : undefined,
  };
}

/** A node of an nz-tree / nz-tree-select for an organisation. */
export function orgTreeNode(o: OrgView): NzTreeNodeOptions {
  return { key: o.id, title: o.name, isLeaf: o.childCount === 0, org: o };
}

/** The organisation endpoints, through the client generated from the OpenAPI document. */
@Injectable({ providedIn: 'root' })
export class OrgApiService {
  private readonly api = inject(ApiClient);

  list(f: OrgFilter): Promise<Paged<OrgView>> {
    return this.api.call(organisationList, { query: orgQuery(f) });
  }

  roots(): Promise<OrgView[]> {
    return this.api.call(organisationRoots);
  }

  async children(parentId: string): Promise<OrgView[]> {
    const page = await this.list({ parentId, pageSize: 500, sort: 'code', order: 'asc' });
    return page.items;
  }

  get(id: string): Promise<OrgView> {
    return this.api.call(organisationGet, { path: { id } });
  }

  create(body: CreateOrgRequest): Promise<OrgView> {
    return this.api.call(organisationCreate, { body });
  }

  update(id: string, body: UpdateOrgRequest): Promise<OrgView> {
    return this.api.call(organisationUpdate, { path: { id }, body });
  }

  delete(id: string): Promise<void> {
    return this.api.call(organisationRemove, { path: { id } });
  }

  exportUrl(f: OrgFilter): string {
    return operationUrl(organisationExport, { query: orgQuery({ ...f, page: undefined, pageSize: undefined }) });
  }

  /** The empty import template (CSV), for a download link. */
  templateUrl(): string {
    return operationUrl(orgImportTemplate);
  }

  upload(file: File): Promise<ImportJobView> {
    return this.api.call(orgImportUpload, { body: { file } });
  }

  importJob(id: string): Promise<ImportJobView> {
    return this.api.call(orgImportGet, { path: { id } });
  }

  imports(): Promise<ImportJobView[]> {
    return this.api.call(orgImportRecent);
  }

  /**
   * Tree nodes from the roots down to `targetId` (expanded along the way), so that a tree-select
   * can show a value that lies deep in a lazily loaded hierarchy.
   */
  async treeTo(targetId: string | null): Promise<NzTreeNodeOptions[]> {
    const roots = (await this.roots()).map(orgTreeNode);
    if (!targetId) return roots;
    let target: OrgView;
    try {
      target = await this.get(targetId);
    } catch {
      return roots;
    }
    const path = target.ancestorIds.filter((id) => id !== targetId);
    const levels = await Promise.all(path.map((id) => this.children(id)));
    let current = roots;
    path.forEach((id, i) => {
      const node = current.find((n) => n.key === id);
      if (!node) return;
      node.children = levels[i].map(orgTreeNode);
      node.expanded = true;
      current = node.children;
    });
    return roots;
  }
}
