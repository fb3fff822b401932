// The tasks capability's public surface: its entities (modules and services follow).
export * from './lib/entities/task.entities';
