import { startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { IDENTITY_ENTITIES, IdentityModule } from '@hutong/identity-server';
import { ORGANISATION_ENTITIES, OrganisationsModule } from '@hutong/organisations-server';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '@hutong/notifications-server';
import { TASK_ENTITIES, TasksModule, RollupsModule } from '@hutong/tasks-server';
import { OrgFactory } from '@hutong/organisations-server/testing';
import { UserFactory } from '@hutong/identity-server/testing';
import { MONITORING_ENTITIES } from '../lib/entities/monitoring.entities';
import { MonitoringModule } from '../lib/monitoring.module';
import { StatisticsImportRunner } from '../lib/statistics-import';
import { CatalogueService } from '../lib/catalogue.service';

export interface MonitoringTestApp extends TestApp {
  orgs: OrgFactory;
  users: UserFactory;
}

/** The api's organisations, identity, notifications, tasks and monitoring (with the worker's import runner), the default catalogues in place. */
export async function startMonitoringApp(opts: { http?: boolean } = {}): Promise<MonitoringTestApp> {
  const app = await startTestApp({
    imports: [IdentityModule, OrganisationsModule, NotificationsModule, TasksModule, RollupsModule, MonitoringModule],
    entities: [
      ...ORGANISATION_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...NOTIFICATIONS_ENTITIES,
      ...TASK_ENTITIES,
      ...MONITORING_ENTITIES,
    ],
    providers: [StatisticsImportRunner],
    ...(opts.http ? { http: true } : {}),
  });
  const em = app.em.fork();
  await em.transactional((tx) =>
    app.module.get(CatalogueService).ensureDefaults(tx, { id: null, name: 'system:test', ip: null, userAgent: null }),
  );
  return { ...app, orgs: new OrgFactory(app.em), users: new UserFactory(app.em) };
}
