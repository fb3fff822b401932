import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ImportJobView, ImportRejected, ImportRowError, ImportStatus } from '@hutong/organisations-model';
import { IMPORT_HEADERS, REQUIRED_HEADERS, type ImportField } from '@hutong/organisations-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { apiErrorOf, errorMessage } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import type { TextKey } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService } from './org-api.service';

export const IMPORT_POLL_MS = 700;
const FIELDS = Object.keys(IMPORT_HEADERS) as ImportField[];

/** The 422 body of an import, when that is what the error is. */
export function importRejection(err: unknown): ImportRejected | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 422) return null;
  const body = apiErrorOf(err);
  const details = body?.details as { rows?: unknown; totalRows?: unknown } | undefined;
  if (!body || !details || !Array.isArray(details.rows)) return null;
  return body as ImportRejected;
}

export function isFinished(status: ImportStatus): boolean {
  return status === 'succeeded' || status === 'failed';
}

export function acceptedFile(name: string): boolean {
  return /\.(csv|xlsx)$/i.test(name);
}

@Component({
  selector: 'lib-import-page',
  imports: [
    RouterLink,
    NzCardModule,
    NzTableModule,
    NzUploadModule,
    NzIconModule,
    NzButtonModule,
    NzProgressModule,
    NzAlertModule,
    NzTagModule,
    NzEmptyModule,
    NzResultModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import.page.html',
  styleUrl: './import.page.scss',
})
export class ImportPage {
  private readonly api = inject(OrgApiService);
  protected readonly templateHref = this.api.templateUrl();
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  /** The server names columns by field key or header: show the header users know (机构编码 / code). */
  protected columnLabel(column: string | undefined): string {
    if (!column) return '';
    const norm = column.replace(/[\s_]/g, '').toLowerCase();
    const field = (Object.keys(IMPORT_HEADERS) as ImportField[]).find(
      (f) => f.toLowerCase() === norm || IMPORT_HEADERS[f].some((h) => h.replace(/[\s_]/g, '').toLowerCase() === norm),
    );
    if (!field) return column;
    const headers = IMPORT_HEADERS[field];
    return this.i18n.isZh() ? (headers.find((h) => /[\u4e00-\u9fff]/.test(h)) ?? headers[0]) : headers[0];
  }
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  protected readonly columns = FIELDS.map((field) => ({
    field,
    headers: IMPORT_HEADERS[field],
    required: REQUIRED_HEADERS.includes(field),
    desc: `import.desc.${field}` as TextKey,
  }));

  protected readonly uploading = signal(false);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly rejected = signal<{ rows: ImportRowError[]; totalRows: number } | null>(null);
  protected readonly job = signal<ImportJobView | null>(null);
  protected readonly recent = signal<ImportJobView[]>([]);
  protected readonly recentLoading = signal(true);

  protected readonly percent = computed(() => {
    const j = this.job();
    if (!j) return 0;
    if (j.status === 'succeeded') return 100;
    return j.totalRows > 0 ? Math.min(100, Math.floor((j.processedRows / j.totalRows) * 100)) : 0;
  });
  protected readonly progressStatus = computed(() => {
    const s = this.job()?.status;
    return s === 'failed' ? 'exception' : s === 'succeeded' ? 'success' : 'active';
  });
  protected readonly finished = computed(() => {
    const j = this.job();
    return j !== null && isFinished(j.status);
  });
  protected readonly date = (v: string | null) => formatDateTime(v, this.i18n.lang());

  constructor() {
    void this.loadRecent();
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stopPolling();
    });
    // nz-upload renders its own <input type=file>: give it the stable test id
    afterNextRender(() => {
      this.host.nativeElement
        .querySelector('[data-testid="import-upload"] input[type="file"]')
        ?.setAttribute('data-testid', 'import-file');
    });
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent.set(await this.api.imports());
    } catch {
      this.recent.set([]);
    } finally {
      this.recentLoading.set(false);
    }
  }

  /** nz-upload hands the file over here; we send it ourselves to read 422/202 bodies. */
  readonly beforeUpload = (file: NzUploadFile): boolean => {
    void this.upload(file as unknown as File);
    return false;
  };

  async upload(file: File): Promise<void> {
    this.stopPolling();
    this.rejected.set(null);
    this.job.set(null);
    this.uploadError.set(null);
    if (!acceptedFile(file.name)) {
      this.uploadError.set(this.t('import.badType'));
      return;
    }
    this.uploading.set(true);
    try {
      const job = await this.api.upload(file);
      this.job.set(job);
      if (isFinished(job.status)) void this.loadRecent();
      else this.schedulePoll(job.id);
    } catch (err) {
      const rejection = importRejection(err);
      if (rejection) this.rejected.set(rejection.details);
      else this.uploadError.set(errorMessage(err, this.t));
    } finally {
      this.uploading.set(false);
      this.revealOutcome();
    }
  }

  /** Brings the errors table or the progress into view once it renders. */
  private revealOutcome(): void {
    setTimeout(() => {
      this.host.nativeElement.querySelector('.outcome')?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
    }, 50);
  }

  private schedulePoll(id: string): void {
    if (this.destroyed) return;
    this.timer = setTimeout(() => void this.poll(id), IMPORT_POLL_MS);
  }

  private async poll(id: string): Promise<void> {
    this.timer = null;
    try {
      const job = await this.api.importJob(id);
      if (this.destroyed) return;
      this.job.set(job);
      if (isFinished(job.status)) {
        void this.loadRecent();
        return;
      }
    } catch {
      // a dropped poll is retried on the next tick
    }
    this.schedulePoll(id);
  }

  private stopPolling(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  statusText(status: ImportStatus): string {
    return this.t(`import.status.${status}`);
  }

  statusColor(status: ImportStatus): string {
    switch (status) {
      case 'succeeded':
        return 'success';
      case 'failed':
        return 'error';
      case 'running':
        return 'processing';
      default:
        return 'default';
    }
  }
}
