/** The one registry of queue names and their typed payloads. */
export const QUEUES = {
  orgImport: 'org-import',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface OrgImportPayload {
  importId: string;
}

export interface QueuePayloads {
  'org-import': OrgImportPayload;
}
