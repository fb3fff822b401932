/**
 * The relay's rules in process (the process-level proof with the real worker and SIGKILL is
 * test/integration/outbox-relay.spec.ts). The stage-event outbox against the real PostgreSQL and Redis: a relay killed mid-batch (after its
 * batch is in Redis, before the rows are marked — the hard case) and then restarted neither loses nor
 * repeats an event; two relays at once never publish one event twice.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { STAGE_EVENT_TOPIC, type StageEventData } from '@hutong/assessment-model';
import type { AppConfig } from '@hutong/platform-config';
import { ormConfig } from '@hutong/platform-database';
import { QUEUES, type DomainEventPayload } from '@hutong/platform-model';
import { OutboxRelay, PLATFORM_ENTITIES, bullConnection, eventJobId } from '@hutong/platform-server';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase } from '@hutong/platform-server/testing';
import { ORGANISATION_ENTITIES, Organisation } from '@hutong/organisations-server';
import { IDENTITY_ENTITIES, User } from '@hutong/identity-server';
import { ASSESSMENT_ENTITIES } from './assessment.module';
import { Application, Cycle, Scheme, StageEvent } from './entities/assessment.entities';
import { stageEventOutbox } from './stage-event-outbox';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ENTITIES = [...PLATFORM_ENTITIES, ...ORGANISATION_ENTITIES, ...IDENTITY_ENTITIES, ...ASSESSMENT_ENTITIES];
const CONFIG = { outboxPollMs: 50 } as AppConfig;

class Killed extends Error {}

let db: string;
let orm: MikroORM;
let queue: Queue<DomainEventPayload>;
let app: Application;

function dbUrl(): string {
  return databaseUrl(db);
}

/** `n` committed, unpublished stage events on the one application, 1 ms apart. */
async function writeEvents(n: number): Promise<string[]> {
  const em = orm.em.fork();
  const t0 = Date.now();
  const events = Array.from({ length: n }, (_, i) =>
    em.create(StageEvent, {
      application: em.getReference(Application, app.id),
      at: new Date(t0 + i),
      actor: 'coordinator',
      action: i % 2 ? 'accept' : 'submit',
      fromState: 'draft',
      toState: 'submitted',
      details: { i },
    }),
  );
  await em.persist(events).flush();
  return events.map((e) => e.id);
}

async function jobIds(): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
  return jobs.map((j) => j.id ?? '');
}

async function unpublished(): Promise<number> {
  return orm.em.fork().count(StageEvent, { publishedAt: null });
}

function relay(em: EntityManager, batchSize: number): OutboxRelay {
  const r = new OutboxRelay(em, queue as never, CONFIG);
  r.register(stageEventOutbox);
  r.batchSize = batchSize;
  return r;
}

beforeAll(async () => {
  db = await createDatabaseFromTemplate();
  orm = await MikroORM.init(ormConfig(dbUrl(), ENTITIES, { poolMax: 6 }));
  queue = new Queue(QUEUES.domainEvents, {
    connection: bullConnection(REDIS_URL),
    prefix: `hutong-test-${process.pid}`,
  });
  await queue.obliterate({ force: true });
  const em = orm.em.fork();
  const province = em.create(Organisation, {
    code: 'P1',
    name: '测试省',
    level: 'province',
    kind: 'region',
    regionCode: '410000',
    path: '',
  });
  province.path = `/${province.id}/`;
  const hospital = em.create(Organisation, {
    code: 'H1',
    name: '测试医院',
    level: 'institution',
    kind: 'hospital',
    regionCode: '410000',
    parent: province,
    path: '',
  });
  hospital.path = `${province.path}${hospital.id}/`;
  const user = em.create(User, {
    username: 'coordinator',
    displayName: '测评管理员',
    role: 'coordinator',
    passwordHash: 'x',
    organisation: province,
  });
  const scheme = em.create(Scheme, {
    key: 'hospital-test',
    version: 1,
    kind: 'hospital',
    name: '测试',
    tree: [],
    levelRules: [],
  });
  const cycle = em.create(Cycle, {
    name: '2026年第一批',
    year: 2026,
    batch: 1,
    jurisdiction: province,
    schemeIds: [scheme.id],
    eligibleKinds: ['hospital'],
    windows: [],
  });
  app = em.create(Application, { cycle, organisation: hospital, scheme, targetLevel: '4A', createdBy: user });
  await em.flush();
});

afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await orm?.close(true);
  if (db) await dropDatabase(db);
});

beforeEach(async () => {
  await queue.obliterate({ force: true });
  await orm.em.fork().nativeDelete(StageEvent, {});
});

it('publishes every committed event once, with the event row as the job id and the stage data', async () => {
  const ids = await writeEvents(5);
  expect(await relay(orm.em, 2).drain()).toBe(5);
  const jobs = await queue.getJobs(['waiting']);
  expect(jobs.map((j) => j.id).sort()).toEqual(ids.map((id) => eventJobId('stage-event', id)).sort());
  const first = jobs.find((j) => j.id === eventJobId('stage-event', ids[0] ?? ''));
  expect(first?.name).toBe(STAGE_EVENT_TOPIC);
  expect(first?.data.data as StageEventData).toMatchObject({
    applicationId: app.id,
    cycleId: app.cycle.id,
    organisationId: app.organisation.id,
    action: 'submit',
    from: 'draft',
    to: 'submitted',
    details: { i: 0 },
  });
  expect(await unpublished()).toBe(0);
  // a second pass finds nothing to publish
  expect(await relay(orm.em, 2).drain()).toBe(0);
  expect(await queue.count()).toBe(5);
});

it('a relay killed mid-batch and restarted neither loses nor repeats an event', async () => {
  const ids = await writeEvents(250);
  const first = relay(orm.em, 40);
  let batches = 0;
  // dies on its third batch after the batch is in Redis, before the rows are marked published
  first.afterPublish = () => {
    batches += 1;
    if (batches === 3) throw new Killed('killed after publishing, before marking');
  };
  await expect(first.drain()).rejects.toBeInstanceOf(Killed);
  expect(await unpublished()).toBe(250 - 80); // the killed batch rolled back
  expect((await jobIds()).length).toBe(120); // ...but its 40 jobs are in Redis

  // restarted (a new relay on a new connection pool): publishes the rest, the killed batch again
  const orm2 = await MikroORM.init(ormConfig(dbUrl(), ENTITIES, { poolMax: 2 }));
  try {
    expect(await relay(orm2.em, 40).drain()).toBe(170);
  } finally {
    await orm2.close(true);
  }
  const published = await jobIds();
  expect(published.length).toBe(250);
  expect(new Set(published).size).toBe(250);
  expect(published.sort()).toEqual(ids.map((id) => eventJobId('stage-event', id)).sort());
  expect(await unpublished()).toBe(0);
});

it('two relays at once never claim the same event (skip locked) and publish each once', async () => {
  const ids = await writeEvents(300);
  const orm2 = await MikroORM.init(ormConfig(dbUrl(), ENTITIES, { poolMax: 2 }));
  try {
    const [a, b] = await Promise.all([relay(orm.em, 25).drain(), relay(orm2.em, 25).drain()]);
    expect(a + b).toBe(300);
  } finally {
    await orm2.close(true);
  }
  const published = await jobIds();
  expect(published.length).toBe(300);
  expect(new Set(published)).toEqual(new Set(ids.map((id) => eventJobId('stage-event', id))));
  expect(await unpublished()).toBe(0);
});

it('the polling relay publishes what is committed after it started, and stops cleanly', async () => {
  const r = relay(orm.em, 10);
  r.start();
  try {
    const ids = await writeEvents(15);
    const deadline = Date.now() + 10_000;
    while ((await unpublished()) > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 25));
    expect(await unpublished()).toBe(0);
    expect((await jobIds()).sort()).toEqual(ids.map((id) => eventJobId('stage-event', id)).sort());
  } finally {
    await r.stop();
  }
});
