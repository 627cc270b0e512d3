export { KUEUE_QUEUE_LABEL } from './preset-options';
export type { PresetOptions } from './preset-options';
export * from './embedding-refresh-cron-job';
export * from './indexed-ingest-job';
export * from './model-migration-job';
export * from './log-cleanup-cron-job';
export * from './report-cron-job';
export * from './work-queue-job';
export * from './backup-job';
