/** The one registry of queue names and their typed payloads. */
export const QUEUES = {
  orgImport: 'org-import',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface OrgImportPayload {
  importId: string;
}

/** Housekeeping jobs run on a schedule (see SCHEDULES in the server features lib). */
export interface MaintenancePayload {
  task: 'purge-expired-sessions';
}

export interface QueuePayloads {
  'org-import': OrgImportPayload;
  maintenance: MaintenancePayload;
}
