import { Injectable, inject } from '@angular/core';
import type { CycleView } from '@hutong/assessment-model';
import type { HospitalGrade, OrgKind, Paged } from '@hutong/platform-model';
import {
  ApiClient,
  cycleList,
  dashboardGet,
  operationUrl,
  organisationList,
  organisationRoots,
  taskAccept,
  taskRemind,
  taskAcknowledge,
  taskAddAttachment,
  taskAttachment,
  taskBatchCreate,
  taskBatchGet,
  taskBatchList,
  taskCancel,
  taskExtend,
  taskGet,
  taskIssued,
  taskIssuedXlsx,
  taskMine,
  taskPreviewRecipients,
  taskRespond,
  taskReturnTask,
} from '@hutong/platform-web';
import type {
  DashboardView,
  RecipientFilter,
  RecipientPreview,
  ReminderPolicy,
  ResponseAnswers,
  ResponseField,
  TaskAttachmentView,
  TaskBatchView,
  TaskDetail,
  TaskDisplayStatus,
  TaskKind,
  TaskSummary,
} from '@hutong/tasks-model';

/**
 * A task as the api answers it: the OpenAPI document types the detail's policy with the request DTO (every
 * field optional), so the web reads it as partial (`withPolicyDefaults` fills it when needed).
 */
export type TaskDetailView = Omit<TaskDetail, 'policy'> & { policy: Partial<ReminderPolicy> };

export type TaskSort = 'due' | 'created' | 'status' | 'title';

export interface TaskFilter {
  status?: TaskDisplayStatus | null;
  kind?: TaskKind | null;
  q?: string;
  batchId?: string | null;
  page?: number;
  pageSize?: number;
  sort?: TaskSort | null;
  dir?: 'asc' | 'desc' | null;
}

/** The query of a task filter, leaving out empty values. */
export function taskQuery(f: TaskFilter) {
  return {
    status: f.status ?? undefined,
    kind: f.kind ?? undefined,
    q: f.q?.trim() || undefined,
    batchId: f.batchId ?? undefined,
    page: f.page,
    pageSize: f.pageSize,
    sort: f.sort ?? undefined,
    dir: f.dir ?? undefined,
  };
}

/** A region to issue to: a node of the caller's jurisdiction tree. */
export interface RegionOption {
  id: string;
  name: string;
  level: string;
}

export interface NewBatch {
  title: string;
  instructions: string;
  dueDate: string;
  form: ResponseField[];
  policy: ReminderPolicy;
  filter: { regionId?: string; kinds?: OrgKind[]; grades?: HospitalGrade[]; organisationIds?: string[] };
}

/** The tasks pages' calls, through the client generated from the OpenAPI document. */
@Injectable({ providedIn: 'root' })
export class TasksApiService {
  private readonly api = inject(ApiClient);

  mine(f: TaskFilter): Promise<Paged<TaskSummary>> {
    const q = taskQuery(f);
    return this.api.call(taskMine, {
      query: { status: q.status, kind: q.kind, page: q.page, pageSize: q.pageSize, sort: q.sort, dir: q.dir },
    });
  }

  issued(f: TaskFilter): Promise<Paged<TaskSummary>> {
    return this.api.call(taskIssued, { query: taskQuery(f) });
  }

  /** The XLSX of the issued tasks as filtered (every page). */
  issuedXlsxUrl(f: TaskFilter): string {
    return operationUrl(taskIssuedXlsx, { query: taskQuery({ ...f, page: undefined, pageSize: undefined }) });
  }

  get(id: string): Promise<TaskDetailView> {
    return this.api.call(taskGet, { path: { id } });
  }

  acknowledge(id: string): Promise<TaskDetailView> {
    return this.api.call(taskAcknowledge, { path: { id } });
  }

  respond(id: string, answers: ResponseAnswers): Promise<TaskDetailView> {
    return this.api.call(taskRespond, { path: { id }, body: { answers } });
  }

  accept(id: string): Promise<TaskDetailView> {
    return this.api.call(taskAccept, { path: { id } });
  }

  returnTask(id: string, reason: string): Promise<TaskDetailView> {
    return this.api.call(taskReturnTask, { path: { id }, body: { reason } });
  }

  extend(id: string, dueDate: string, reason: string): Promise<TaskDetailView> {
    return this.api.call(taskExtend, { path: { id }, body: { dueDate, reason } });
  }

  /** Remind the assignee now (at most once in 10 minutes, never in quiet hours). */
  remind(id: string): Promise<TaskDetailView> {
    return this.api.call(taskRemind, { path: { id } });
  }

  cancel(id: string, reason: string): Promise<TaskDetailView> {
    return this.api.call(taskCancel, { path: { id }, body: { reason } });
  }

  upload(id: string, file: File): Promise<TaskAttachmentView> {
    return this.api.call(taskAddAttachment, { path: { id }, body: { file } });
  }

  attachmentUrl(id: string, attachmentId: string): string {
    return operationUrl(taskAttachment, { path: { id, attachmentId } });
  }

  preview(filter: RecipientFilter & NewBatch['filter']): Promise<RecipientPreview> {
    return this.api.call(taskPreviewRecipients, { body: filter });
  }

  createBatch(b: NewBatch): Promise<TaskBatchView> {
    return this.api.call(taskBatchCreate, { body: b });
  }

  batches(page: number, pageSize: number): Promise<Paged<TaskBatchView>> {
    return this.api.call(taskBatchList, { query: { page, pageSize } });
  }

  batch(id: string): Promise<TaskBatchView> {
    return this.api.call(taskBatchGet, { path: { id } });
  }

  dashboard(cycleId: string | null): Promise<DashboardView> {
    return this.api.call(dashboardGet, { query: { cycleId: cycleId ?? undefined } });
  }

  cycles(): Promise<CycleView[]> {
    return this.api.call(cycleList);
  }

  /** The caller's jurisdiction roots and the regions below them, for the recipients' region picker. */
  async regions(): Promise<RegionOption[]> {
    const roots = await this.api.call(organisationRoots);
    const out: RegionOption[] = roots.map((r) => ({ id: r.id, name: r.name, level: r.level }));
    for (const root of roots) {
      const page = await this.api.call(organisationList, {
        query: { parentId: root.id, descendants: true, kind: 'region', pageSize: 500, sort: 'code' },
      });
      for (const o of page.items) if (o.level !== 'institution') out.push({ id: o.id, name: o.name, level: o.level });
    }
    return out;
  }
}
