import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { SCHEME_IMPORT_MAX_BYTES, type SchemeSummary } from '@hutong/assessment-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { loadResource } from '@hutong/platform-web/ui';
import { AssessmentApiService } from './assessment-api.service';
import { AuthService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';

/** Schemes ordered by key, newest version first. */
export function sortSchemes(list: SchemeSummary[]): SchemeSummary[] {
  return [...list].sort((a, b) => a.key.localeCompare(b.key) || b.version - a.version);
}

/** 指标体系: the schemes and their versions. */
@Component({
  selector: 'lib-schemes-page',
  imports: [NzCardModule, NzTableModule, NzTagModule, NzButtonModule, NzEmptyModule, NzIconModule, NzUploadModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('schemes.title')" [nzExtra]="importTpl" nzSize="small">
      <ng-template #importTpl>
        @if (isAdmin()) {
          <nz-upload
            accept=".json,application/json"
            [nzShowUploadList]="false"
            [nzBeforeUpload]="beforeImport"
            [nzDisabled]="importing()"
            data-testid="scheme-import"
          >
            <button nz-button type="button" [nzLoading]="importing()">
              <nz-icon nzType="upload" />{{ t('schemes.import') }}
            </button>
          </nz-upload>
        }
      </ng-template>
      <p class="muted">{{ t('schemes.importHint') }}</p>
      @if (loadError(); as message) {
        <div class="load-error">{{ message }}</div>
      }
      <nz-table
        #table
        data-testid="schemes-table"
        nzSize="middle"
        [nzData]="schemes()"
        [nzLoading]="loading()"
        [nzPageSize]="50"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
      >
        <thead>
          <tr>
            <th nzWidth="180px">{{ t('schemes.key') }}</th>
            <th>{{ t('schemes.name') }}</th>
            <th nzWidth="100px">{{ t('schemes.kind') }}</th>
            <th nzWidth="90px">{{ t('asm.version') }}</th>
            <th nzWidth="180px"></th>
            <th nzWidth="170px">{{ t('cycles.createdAt') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (s of table.data; track s.id) {
            <tr data-testid="scheme-row" [attr.data-key]="s.key" class="clickable" (click)="open(s)">
              <td class="mono">{{ s.key }}</td>
              <td>
                <button nz-button nzType="link" nzSize="small" type="button" class="name-link">{{ s.name }}</button>
              </td>
              <td>{{ text.schemeKind(s.kind) }}</td>
              <td>v{{ s.version }}</td>
              <td>
                @if (s.latest) {
                  <nz-tag nzColor="green">{{ t('schemes.latest') }}</nz-tag>
                }
                @if (s.inUse) {
                  <nz-tag nzColor="blue">{{ t('schemes.inUse') }}</nz-tag>
                }
              </td>
              <td class="nowrap">{{ date(s.createdAt) }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>
    <ng-template #emptyTpl
      ><nz-empty [nzNotFoundContent]="t('schemes.empty')" data-testid="schemes-empty"
    /></ng-template>
  `,
})
export class SchemesPage {
  private readonly api = inject(AssessmentApiService);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;
  private readonly load = loadResource({ loader: async () => sortSchemes(await this.api.schemes()) });
  protected readonly schemes = computed(() => this.load.value() ?? []);
  protected readonly loading = this.load.loading;
  protected readonly loadError = this.load.errorMessage;
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());

  private readonly auth = inject(AuthService);
  private readonly message = inject(NzMessageService);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly importing = signal(false);

  /** nz-upload hands the file over; the api checks it whole and refuses it with every problem */
  protected readonly beforeImport = (file: NzUploadFile): boolean => {
    void this.importFile(file as unknown as File);
    return false;
  };

  async importFile(file: File): Promise<void> {
    if (file.size > SCHEME_IMPORT_MAX_BYTES) {
      this.message.error(this.t('schemes.importTooLarge'));
      return;
    }
    this.importing.set(true);
    try {
      const s = await this.api.importScheme(file);
      this.message.success(this.t('schemes.imported', { key: s.key, n: s.version }));
      void this.router.navigate(['/schemes', s.id]);
    } catch (err) {
      this.message.error(errorMessage(err, this.t), { nzDuration: 8000 });
    } finally {
      this.importing.set(false);
    }
  }

  open(s: SchemeSummary): void {
    void this.router.navigate(['/schemes', s.id]);
  }
}
