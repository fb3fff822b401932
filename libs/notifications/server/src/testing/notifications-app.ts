import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { EntityClass } from '@mikro-orm/core';
import { startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { ORGANISATION_ENTITIES, OrganisationsModule } from '@hutong/organisations-server';
import { IDENTITY_ENTITIES, IdentityModule } from '@hutong/identity-server';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '../lib/notifications.module';
import { DigestService } from '../lib/mail/digest.service';

/**
 * A test app with the api's notifications (and the identity and organisations it stands on), plus the worker's
 * DigestService; pass more modules and entities for a capability that notifies. The mail relay is not started:
 * build one with `new MailRelay(t.em, t.module.get(DigestService), { ...t.config, smtpUrl })` and call `drain()`.
 */
export function startNotificationsApp(
  more: {
    imports?: (Type<unknown> | DynamicModule)[];
    entities?: EntityClass<unknown>[];
    providers?: Provider[];
    http?: boolean;
  } = {},
): Promise<TestApp> {
  return startTestApp({
    imports: [OrganisationsModule, IdentityModule, NotificationsModule, ...(more.imports ?? [])],
    entities: [
      ...ORGANISATION_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...NOTIFICATIONS_ENTITIES,
      ...((more.entities ?? []) as EntityClass<unknown>[]),
    ],
    providers: [DigestService, ...(more.providers ?? [])],
    http: more.http,
  });
}
