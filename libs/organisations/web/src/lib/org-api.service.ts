import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { CreateOrgRequest, ImportJobView, OrgView, UpdateOrgRequest } from '@hutong/organisations-model';
import type { HospitalGrade, OrgKind, OrgLevel } from '@hutong/platform-model';
import type { Paged } from '@hutong/platform-model';
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

/** Query parameters of a filter, leaving out empty values. */
export function orgQueryParams(f: OrgFilter): HttpParams {
  let p = new HttpParams();
  const set = (k: string, v: string | number | boolean | null | undefined) => {
    if (v !== null && v !== undefined && v !== '' && v !== false) p = p.set(k, String(v));
  };
  set('parentId', f.parentId);
  set('descendants', f.descendants ? 'true' : undefined);
  set('q', f.q?.trim());
  set('level', f.level);
  set('kind', f.kind);
  set('grade', f.grade);
  set('page', f.page);
  set('pageSize', f.pageSize);
  if (f.sort) {
    set('sort', f.sort);
    set('order', f.order ?? 'asc');
  }
  return p;
}

/** The list answer, whether the server sends an array or a page. */
function items(res: OrgView[] | Paged<OrgView>): OrgView[] {
  return Array.isArray(res) ? res : res.items;
}

/** A node of an nz-tree / nz-tree-select for an organisation. */
export function orgTreeNode(o: OrgView): NzTreeNodeOptions {
  return { key: o.id, title: o.name, isLeaf: o.childCount === 0, org: o };
}

@Injectable({ providedIn: 'root' })
export class OrgApiService {
  private readonly http = inject(HttpClient);

  list(f: OrgFilter): Promise<Paged<OrgView>> {
    return firstValueFrom(this.http.get<Paged<OrgView>>('/api/organisations', { params: orgQueryParams(f) }));
  }

  async roots(): Promise<OrgView[]> {
    return items(await firstValueFrom(this.http.get<OrgView[] | Paged<OrgView>>('/api/organisations/roots')));
  }

  async children(parentId: string): Promise<OrgView[]> {
    const page = await this.list({ parentId, pageSize: 500, sort: 'code', order: 'asc' });
    return page.items;
  }

  get(id: string): Promise<OrgView> {
    return firstValueFrom(this.http.get<OrgView>(`/api/organisations/${encodeURIComponent(id)}`));
  }

  create(body: CreateOrgRequest): Promise<OrgView> {
    return firstValueFrom(this.http.post<OrgView>('/api/organisations', body));
  }

  update(id: string, body: UpdateOrgRequest): Promise<OrgView> {
    return firstValueFrom(this.http.patch<OrgView>(`/api/organisations/${encodeURIComponent(id)}`, body));
  }

  delete(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/organisations/${encodeURIComponent(id)}`));
  }

  exportUrl(f: OrgFilter): string {
    const q = orgQueryParams({ ...f, page: undefined, pageSize: undefined }).toString();
    return `/api/organisations/export.xlsx${q ? `?${q}` : ''}`;
  }

  upload(file: File): Promise<ImportJobView> {
    const form = new FormData();
    form.append('file', file, file.name);
    return firstValueFrom(this.http.post<ImportJobView>('/api/organisations/imports', form));
  }

  importJob(id: string): Promise<ImportJobView> {
    return firstValueFrom(this.http.get<ImportJobView>(`/api/organisations/imports/${encodeURIComponent(id)}`));
  }

  async imports(): Promise<ImportJobView[]> {
    const res = await firstValueFrom(
      this.http.get<ImportJobView[] | Paged<ImportJobView>>('/api/organisations/imports'),
    );
    return Array.isArray(res) ? res : res.items;
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
