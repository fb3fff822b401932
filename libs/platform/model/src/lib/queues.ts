/** The one registry of queue names and their typed payloads. */
export const QUEUES = {
  orgImport: 'org-import',
  maintenance: 'maintenance',
  /** committed domain events (the capabilities' outboxes), published by the worker's outbox relay */
  domainEvents: 'domain-events',
  /** the dashboards' counters: debounced refreshes of changed organisations, and the periodic full check */
  rollups: 'rollups',
  /** a bulk issue of tasks: the worker creates the batch's tasks */
  taskBatch: 'task-batch',
  /** a statistics file of the monitoring: the worker writes its days with progress */
  monitoringImport: 'monitoring-import',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface OrgImportPayload {
  importId: string;
}

export interface MonitoringImportPayload {
  importId: string;
}

/** Housekeeping jobs run on a schedule (see SCHEDULES in the server features lib). */
export interface MaintenancePayload {
  task: 'purge-expired-sessions';
}

/**
 * A committed domain event, as the outbox relay publishes it (job name = topic, job id =
 * `<source>-<id>`, so publishing it twice adds it once). `data` is the topic's own contract
 * (e.g. the assessment's `StageEventData`), read by the subscribers of that topic.
 */
export interface DomainEventPayload<D = unknown> {
  /** the event row's id in its capability's outbox */
  id: string;
  /** e.g. `application.stage` */
  topic: string;
  /** when it happened (ISO instant, UTC) */
  at: string;
  data: D;
}

/** `flush`: recompute the counters of the organisations marked dirty; `verify`: recompute all, compare, repair. */
export interface RollupPayload {
  kind: 'flush' | 'verify';
}

/** A task batch to create (job id = the batch id, so enqueuing twice runs once). */
export interface TaskBatchPayload {
  batchId: string;
}

export interface QueuePayloads {
  'org-import': OrgImportPayload;
  maintenance: MaintenancePayload;
  'domain-events': DomainEventPayload;
  rollups: RollupPayload;
  'task-batch': TaskBatchPayload;
  'monitoring-import': MonitoringImportPayload;
}
