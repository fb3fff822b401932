import { Injectable, inject } from '@angular/core';
import type {
  ApiKeyCreated,
  ApiKeyView,
  BulletinSummary,
  BulletinView,
  CatalogueSummary,
  ConnectionStatus,
  ConnectionView,
  InstitutionDetailView,
  KeyScope,
  MonitoringImportView,
  OverviewQuery,
  OverviewView,
  RectificationResult,
  RectifyTarget,
  RequirementView,
  TableDef,
  TrendPoint,
  UploadCalendarView,
} from '@hutong/monitoring-model';
import {
  ApiClient,
  bulletinCreate,
  bulletinDocx,
  bulletinGet,
  bulletinList,
  bulletinPublish,
  bulletinRectify,
  bulletinRevise,
  bulletinUpdate,
  bulletinXlsx,
  monitoringCalendar,
  monitoringCatalogueList,
  monitoringCatalogueVersions,
  monitoringCreateKey,
  monitoringExportOverview,
  monitoringImportGet,
  monitoringImportList,
  monitoringInstitution,
  monitoringKeyList,
  monitoringOverview,
  monitoringRequirement,
  monitoringRevokeKey,
  monitoringSaveCatalogue,
  monitoringSetConnection,
  monitoringSetRequirement,
  monitoringTrend,
  monitoringUpload,
  operationUrl,
  organisationList,
  organisationRoots,
} from '@hutong/platform-web';

export interface PeriodQuery {
  from: string;
  to: string;
  asOf?: string;
}

export interface BulletinCreate {
  scope: string;
  from: string;
  to: string;
  asOf?: string;
  title?: string;
  issuer?: string;
  requirement?: { text: string; due: string };
}

export interface BulletinUpdate {
  title?: string;
  issuer?: string;
  narrative?: string[];
  requirement?: { text: string; due: string } | null;
}

export interface RegionOption {
  id: string;
  name: string;
  parentId: string | null;
  level: string;
}

export interface OrgOption {
  id: string;
  code: string;
  name: string;
}

/** The monitoring pages' calls, through the client generated from the OpenAPI document (read as the model's views). */
@Injectable({ providedIn: 'root' })
export class MonitoringApi {
  private readonly api = inject(ApiClient);

  overview(q: OverviewQuery, signal?: AbortSignal): Promise<OverviewView> {
    void signal;
    return this.api.call(monitoringOverview, { query: clean(q) }) as Promise<OverviewView>;
  }

  /** The overview's institutions, filtered and sorted as shown, as XLSX (a link: the browser downloads it). */
  exportUrl(q: OverviewQuery): string {
    const rest = { ...q };
    delete rest.page;
    delete rest.pageSize;
    return operationUrl(monitoringExportOverview, { query: clean(rest) });
  }

  trend(scope: string, p: PeriodQuery): Promise<TrendPoint[]> {
    return this.api.call(monitoringTrend, { query: { scope, ...p } });
  }

  calendar(scope: string, p: PeriodQuery, page: number, pageSize: number): Promise<UploadCalendarView> {
    return this.api.call(monitoringCalendar, { query: { scope, ...p, page, pageSize } });
  }

  institution(id: string, p: PeriodQuery): Promise<InstitutionDetailView> {
    return this.api.call(monitoringInstitution, { path: { id }, query: p }) as Promise<InstitutionDetailView>;
  }

  setConnection(id: string, body: { status: ConnectionStatus; note: string; since?: string }): Promise<ConnectionView> {
    return this.api.call(monitoringSetConnection, { path: { id }, body }) as Promise<ConnectionView>;
  }

  imports(): Promise<MonitoringImportView[]> {
    return this.api.call(monitoringImportList) as Promise<MonitoringImportView[]>;
  }

  importOf(id: string): Promise<MonitoringImportView> {
    return this.api.call(monitoringImportGet, { path: { id } }) as Promise<MonitoringImportView>;
  }

  upload(file: File): Promise<MonitoringImportView> {
    return this.api.call(monitoringUpload, { body: { file } }) as Promise<MonitoringImportView>;
  }

  keys(): Promise<ApiKeyView[]> {
    return this.api.call(monitoringKeyList) as Promise<ApiKeyView[]>;
  }

  createKey(body: { name: string; organisationId: string; scopes: KeyScope[] }): Promise<ApiKeyCreated> {
    return this.api.call(monitoringCreateKey, { body }) as Promise<ApiKeyCreated>;
  }

  revokeKey(id: string): Promise<ApiKeyView> {
    return this.api.call(monitoringRevokeKey, { path: { id } }) as Promise<ApiKeyView>;
  }

  bulletins(): Promise<BulletinSummary[]> {
    return this.api.call(bulletinList) as Promise<BulletinSummary[]>;
  }

  bulletin(id: string): Promise<BulletinView> {
    return this.api.call(bulletinGet, { path: { id } }) as Promise<BulletinView>;
  }

  generateBulletin(body: BulletinCreate): Promise<BulletinView> {
    return this.api.call(bulletinCreate, { body }) as Promise<BulletinView>;
  }

  updateBulletin(id: string, body: BulletinUpdate): Promise<BulletinView> {
    return this.api.call(bulletinUpdate, { path: { id }, body }) as Promise<BulletinView>;
  }

  publishBulletin(id: string): Promise<BulletinView> {
    return this.api.call(bulletinPublish, { path: { id } }) as Promise<BulletinView>;
  }

  /** A new draft version of a published bulletin, generated again from the data. */
  reviseBulletin(id: string, asOf?: string): Promise<BulletinView> {
    return this.api.call(bulletinRevise, { path: { id }, body: asOf ? { asOf } : {} }) as Promise<BulletinView>;
  }

  rectify(
    id: string,
    body: { target: RectifyTarget; title: string; instructions: string; dueDate: string },
  ): Promise<RectificationResult> {
    return this.api.call(bulletinRectify, { path: { id }, body }) as Promise<RectificationResult>;
  }

  /** The bulletin as Word and its table as Excel (links: the browser downloads them). */
  bulletinDocxUrl(id: string): string {
    return operationUrl(bulletinDocx, { path: { id } });
  }

  bulletinXlsxUrl(id: string): string {
    return operationUrl(bulletinXlsx, { path: { id } });
  }

  /** The table catalogues, the latest version of each. */
  catalogues(): Promise<CatalogueSummary[]> {
    return this.api.call(monitoringCatalogueList) as Promise<CatalogueSummary[]>;
  }

  /** A catalogue's versions, newest first. */
  catalogueVersions(key: string): Promise<CatalogueSummary[]> {
    return this.api.call(monitoringCatalogueVersions, { path: { key } }) as Promise<CatalogueSummary[]>;
  }

  /** Saves a catalogue: its next version (its first for a new key). Admins only. */
  saveCatalogue(body: { key: string; name: string; note: string; tables: TableDef[] }): Promise<CatalogueSummary> {
    return this.api.call(monitoringSaveCatalogue, { body }) as Promise<CatalogueSummary>;
  }

  /** The catalogue a region requires (set on it or the nearest region above); 400 monitoring.no_catalogue without. */
  requirement(orgId: string): Promise<RequirementView> {
    return this.api.call(monitoringRequirement, { path: { orgId } }) as Promise<RequirementView>;
  }

  setRequirement(orgId: string, catalogueKey: string): Promise<RequirementView> {
    return this.api.call(monitoringSetRequirement, {
      path: { orgId },
      body: { catalogueKey },
    }) as Promise<RequirementView>;
  }

  /** How many institutions (hospitals, regional platforms) are in a region's subtree. */
  async institutionCount(regionId: string): Promise<number> {
    const page = await this.api.call(organisationList, {
      query: { parentId: regionId, descendants: true, level: 'institution', pageSize: 1 },
    });
    return page.total;
  }

  /** The caller's jurisdiction roots and every region below them (the scope picker's tree). */
  async regions(): Promise<{ roots: string[]; regions: RegionOption[] }> {
    const roots = await this.api.call(organisationRoots);
    const regions: RegionOption[] = roots
      .filter((r) => r.level !== 'institution')
      .map((r) => ({ id: r.id, name: r.name, parentId: r.parentId, level: r.level }));
    const pages = await Promise.all(
      roots
        .filter((r) => r.level !== 'institution')
        .map((root) =>
          this.api.call(organisationList, {
            query: { parentId: root.id, descendants: true, kind: 'region', pageSize: 500, sort: 'code' },
          }),
        ),
    );
    for (const page of pages)
      for (const o of page.items)
        if (o.level !== 'institution') regions.push({ id: o.id, name: o.name, parentId: o.parentId, level: o.level });
    return { roots: regions.filter((r) => roots.some((x) => x.id === r.id)).map((r) => r.id), regions };
  }

  /** Organisations of the jurisdiction a key may be issued for (regions, hospitals, regional platforms), by name or code. */
  async organisations(q: string): Promise<OrgOption[]> {
    const page = await this.api.call(organisationList, {
      query: { q: q.trim() || undefined, pageSize: 50, sort: 'code' },
    });
    return page.items
      .filter((o) => o.kind === 'hospital' || o.kind === 'regional_platform' || o.kind === 'region')
      .map((o) => ({ id: o.id, code: o.code, name: o.name }));
  }
}

/** The query without empty values (undefined, '', null, false). */
function clean<T extends object>(q: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '' && v !== false) out[k] = v;
  return out as T;
}
