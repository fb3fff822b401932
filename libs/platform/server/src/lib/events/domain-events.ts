import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type DomainEventPayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { DEFERRED_START, startWorker } from '../queue/worker-start';

/** What a capability does when an event of a topic it subscribed to arrives. Must be idempotent per event id. */
export type DomainEventHandler = (event: DomainEventPayload) => Promise<void>;

/**
 * Who listens to which topic (worker only). Capabilities subscribe in their worker module — the
 * tasks capability, for one, opens and closes deadline tasks on `application.stage`.
 */
@Injectable()
export class DomainEventSubscribers {
  private readonly byTopic = new Map<string, { name: string; handle: DomainEventHandler }[]>();

  subscribe(topic: string, name: string, handle: DomainEventHandler): void {
    const list = this.byTopic.get(topic) ?? [];
    if (list.some((s) => s.name === name)) throw new Error(`${name} subscribed to ${topic} twice`);
    list.push({ name, handle });
    this.byTopic.set(topic, list);
  }

  of(topic: string): readonly { name: string; handle: DomainEventHandler }[] {
    return this.byTopic.get(topic) ?? [];
  }
}

/** Delivers each published event to the subscribers of its topic; a failure retries the job (with backoff). */
@Processor(QUEUES.domainEvents, DEFERRED_START)
export class DomainEventsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(DomainEventsProcessor.name);

  constructor(
    private readonly subscribers: DomainEventSubscribers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, this.log);
  }

  async process(job: Job<DomainEventPayload>): Promise<number> {
    const subs = this.subscribers.of(job.data.topic);
    for (const s of subs) await s.handle(job.data);
    return subs.length;
  }
}
