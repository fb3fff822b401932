// The monitoring capability's rules and contracts (framework-free: api, worker and web read them): the table
// catalogue, the metrics of DESIGN.md §4 with tiers and rollups, anomalies, the regional scheme's data-quality
// scores, and the bulletin's facts and narrative.
export * from './lib/catalogue';
export * from './lib/metrics';
export * from './lib/anomalies';
export * from './lib/quality';
export * from './lib/bulletin';
export * from './lib/ingest';
export * from './lib/statistics-file';
export * from './lib/contracts';
export * from './lib/messages';
export * from './lib/score';
