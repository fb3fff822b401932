import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginRequest, Me } from '@hutong/platform-model';
import type { Role } from '@hutong/platform-model';
import { ORG_WRITERS } from '@hutong/platform-model';
import { ApiClient } from './api-client/api-client';
import { authLogin, authLogout, authMe } from './api-client/generated/operations/auth';

export interface NavItem {
  path: string;
  key:
    | 'nav.organisations'
    | 'nav.import'
    | 'nav.users'
    | 'nav.audit'
    | 'nav.myOrganisation'
    | 'nav.cycles'
    | 'nav.applications'
    | 'nav.schemes'
    | 'nav.publicity'
    | 'nav.dashboard'
    | 'nav.home'
    | 'nav.tasks'
    | 'nav.tasksIssued'
    | 'nav.taskBatches'
    | 'nav.taskNew'
    | 'nav.reviewSessions'
    | 'nav.reviewExperts'
    | 'nav.reviewConformance'
    | 'nav.reviewWorkspace'
    | 'nav.reviewProfile'
    | 'nav.monitoring'
    | 'nav.monitoringImports'
    | 'nav.monitoringKeys'
    | 'nav.monitoringBulletins'
    | 'nav.monitoringCatalogues'
    | 'nav.myMonitoring';
  icon: string;
  testId: string;
}

const NAV: Record<string, NavItem> = {
  organisations: { path: '/organisations', key: 'nav.organisations', icon: 'apartment', testId: 'nav-organisations' },
  import: { path: '/organisations/import', key: 'nav.import', icon: 'upload', testId: 'nav-import' },
  users: { path: '/users', key: 'nav.users', icon: 'team', testId: 'nav-users' },
  audit: { path: '/audit', key: 'nav.audit', icon: 'audit', testId: 'nav-audit' },
  my: { path: '/my-organisation', key: 'nav.myOrganisation', icon: 'home', testId: 'nav-my-organisation' },
  cycles: { path: '/cycles', key: 'nav.cycles', icon: 'calendar', testId: 'nav-cycles' },
  applications: { path: '/applications', key: 'nav.applications', icon: 'solution', testId: 'nav-applications' },
  schemes: { path: '/schemes', key: 'nav.schemes', icon: 'partition', testId: 'nav-schemes' },
  publicity: { path: '/publicity', key: 'nav.publicity', icon: 'notification', testId: 'nav-publicity' },
  dashboard: { path: '/dashboard', key: 'nav.dashboard', icon: 'dashboard', testId: 'nav-dashboard' },
  home: { path: '/home', key: 'nav.home', icon: 'home', testId: 'nav-home' },
  tasks: { path: '/tasks', key: 'nav.tasks', icon: 'schedule', testId: 'nav-tasks' },
  issued: { path: '/tasks/issued', key: 'nav.tasksIssued', icon: 'carry-out', testId: 'nav-tasks-issued' },
  batches: { path: '/tasks/batches', key: 'nav.taskBatches', icon: 'send', testId: 'nav-task-batches' },
  newTask: { path: '/tasks/new', key: 'nav.taskNew', icon: 'plus-circle', testId: 'nav-task-new' },
  reviewSessions: { path: '/review/sessions', key: 'nav.reviewSessions', icon: 'team', testId: 'nav-review-sessions' },
  experts: { path: '/review/experts', key: 'nav.reviewExperts', icon: 'user', testId: 'nav-review-experts' },
  conformance: {
    path: '/review/conformance',
    key: 'nav.reviewConformance',
    icon: 'check-circle',
    testId: 'nav-review-conformance',
  },
  workspace: {
    path: '/review/workspace',
    key: 'nav.reviewWorkspace',
    icon: 'solution',
    testId: 'nav-review-workspace',
  },
  reviewProfile: { path: '/review/profile', key: 'nav.reviewProfile', icon: 'idcard', testId: 'nav-review-profile' },
  monitoring: { path: '/monitoring', key: 'nav.monitoring', icon: 'line-chart', testId: 'nav-monitoring' },
  monitoringImports: {
    path: '/monitoring/imports',
    key: 'nav.monitoringImports',
    icon: 'cloud-upload',
    testId: 'nav-monitoring-imports',
  },
  monitoringBulletins: {
    path: '/monitoring/bulletins',
    key: 'nav.monitoringBulletins',
    icon: 'file-text',
    testId: 'nav-monitoring-bulletins',
  },
  monitoringCatalogues: {
    path: '/monitoring/catalogues',
    key: 'nav.monitoringCatalogues',
    icon: 'table',
    testId: 'nav-monitoring-catalogues',
  },
  monitoringKeys: { path: '/monitoring/keys', key: 'nav.monitoringKeys', icon: 'key', testId: 'nav-monitoring-keys' },
};

/** 我的监测数据: a hospital user's own institution page (needs the user's organisation). */
function myMonitoring(organisationId: string): NavItem {
  return {
    path: `/monitoring/institutions/${organisationId}`,
    key: 'nav.myMonitoring',
    icon: 'bar-chart',
    testId: 'nav-my-monitoring',
  };
}

/** The navigation of a role (DESIGN.md §1); an applicant's organisation adds its monitoring page. */
export function navFor(role: Role, organisationId?: string | null): NavItem[] {
  switch (role) {
    case 'admin':
      return [
        NAV['dashboard'],
        NAV['issued'],
        NAV['newTask'],
        NAV['batches'],
        NAV['organisations'],
        NAV['import'],
        NAV['users'],
        NAV['audit'],
        NAV['cycles'],
        NAV['conformance'],
        NAV['reviewSessions'],
        NAV['experts'],
        NAV['monitoring'],
        NAV['monitoringBulletins'],
        NAV['monitoringCatalogues'],
        NAV['monitoringImports'],
        NAV['monitoringKeys'],
        NAV['publicity'],
        NAV['schemes'],
      ];
    case 'coordinator':
      return [
        NAV['dashboard'],
        NAV['issued'],
        NAV['newTask'],
        NAV['batches'],
        NAV['organisations'],
        NAV['import'],
        NAV['cycles'],
        NAV['conformance'],
        NAV['reviewSessions'],
        NAV['experts'],
        NAV['monitoring'],
        NAV['monitoringBulletins'],
        NAV['monitoringCatalogues'],
        NAV['monitoringImports'],
        NAV['monitoringKeys'],
        NAV['publicity'],
        NAV['schemes'],
      ];
    case 'viewer':
      return [
        NAV['dashboard'],
        NAV['issued'],
        NAV['organisations'],
        NAV['cycles'],
        NAV['reviewSessions'],
        NAV['monitoring'],
        NAV['monitoringBulletins'],
        NAV['monitoringCatalogues'],
        NAV['publicity'],
      ];
    case 'national':
      // nationwide reading (cycles, boards, applications, schemes) and the national body's decisions; no tasks
      return [
        NAV['dashboard'],
        NAV['cycles'],
        NAV['publicity'],
        NAV['schemes'],
        NAV['organisations'],
        NAV['monitoring'],
        NAV['monitoringBulletins'],
        NAV['monitoringCatalogues'],
      ];
    case 'applicant':
      return [
        NAV['home'],
        NAV['tasks'],
        NAV['applications'],
        ...(organisationId ? [myMonitoring(organisationId)] : []),
        NAV['publicity'],
        NAV['my'],
      ];
    case 'expert':
      return [NAV['workspace'], NAV['reviewProfile'], NAV['my']];
  }
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return navFor(role)[0].path;
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly meSignal = signal<Me | null>(null);
  private pending: Promise<Me | null> | null = null;

  readonly me = this.meSignal.asReadonly();
  readonly role = computed(() => this.meSignal()?.role ?? null);
  readonly canWriteOrgs = computed(() => {
    const r = this.role();
    return r !== null && ORG_WRITERS.includes(r);
  });
  readonly nav = computed(() => {
    const r = this.role();
    return r ? navFor(r, this.meSignal()?.organisation?.id) : [];
  });

  /** The signed-in user, asking the server once (null when not signed in). */
  ensureMe(): Promise<Me | null> {
    const current = this.meSignal();
    if (current) return Promise.resolve(current);
    this.pending ??= this.api
      .call(authMe)
      .then((me) => {
        this.meSignal.set(me);
        return me;
      })
      .catch((err: unknown) => {
        if (err instanceof HttpErrorResponse && (err.status === 401 || err.status === 403)) return null;
        throw err;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  async login(body: LoginRequest): Promise<Me> {
    const me: Me = await this.api.call(authLogin, { body });
    this.meSignal.set(me);
    return me;
  }

  async logout(): Promise<void> {
    try {
      await this.api.call(authLogout);
    } catch {
      // the session is gone either way
    }
    this.clear();
    await this.router.navigateByUrl('/login');
  }

  /** Forget the user (after a 401 from any request). */
  clear(): void {
    this.meSignal.set(null);
  }
}
