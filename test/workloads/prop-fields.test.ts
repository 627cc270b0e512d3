/**
 * Every prop of every construct has its runtime check: the field sets that check props from
 * plain JavaScript name exactly the properties of the TypeScript props interfaces.
 */
import { join } from 'path';
import ts from 'typescript';
import { CONTAINER_FIELDS } from '../../src/pod/pod-props';
import { BACKUP_CRON_FIELDS } from '../../src/presets/backup-cron-job';
import { BACKUP_FIELDS } from '../../src/presets/backup-job';
import { DISTRIBUTED_TRAINING_FIELDS } from '../../src/presets/distributed-training-job';
import { EMBEDDING_REFRESH_FIELDS } from '../../src/presets/embedding-refresh-cron-job';
import { INDEXED_INGEST_FIELDS } from '../../src/presets/indexed-ingest-job';
import { LOG_CLEANUP_FIELDS } from '../../src/presets/log-cleanup-cron-job';
import { MODEL_MIGRATION_FIELDS } from '../../src/presets/model-migration-job';
import { REPORT_FIELDS } from '../../src/presets/report-cron-job';
import { WORK_QUEUE_FIELDS } from '../../src/presets/work-queue-job';
import {
  BATCH_JOB_FIELDS,
  INDEXED_JOB_FIELDS,
  SCHEDULED_JOB_FIELDS,
} from '../../src/workloads/props';

const FIELDS: Record<string, object> = {
  ContainerProps: CONTAINER_FIELDS,
  BatchJobProps: BATCH_JOB_FIELDS,
  IndexedJobProps: INDEXED_JOB_FIELDS,
  ScheduledJobProps: SCHEDULED_JOB_FIELDS,
  EmbeddingRefreshCronJobProps: EMBEDDING_REFRESH_FIELDS,
  IndexedIngestJobProps: INDEXED_INGEST_FIELDS,
  ModelMigrationJobProps: MODEL_MIGRATION_FIELDS,
  LogCleanupCronJobProps: LOG_CLEANUP_FIELDS,
  ReportCronJobProps: REPORT_FIELDS,
  WorkQueueJobProps: WORK_QUEUE_FIELDS,
  BackupJobProps: BACKUP_FIELDS,
  BackupCronJobProps: BACKUP_CRON_FIELDS,
  DistributedTrainingJobProps: DISTRIBUTED_TRAINING_FIELDS,
};

/** The property names of each exported props interface, with inherited and Omit-ted ones resolved. */
function interfaceProps(): Record<string, string[]> {
  const root = join(__dirname, '..', '..');
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  const program = ts.createProgram([join(root, 'src', 'index.ts')], config!.options);
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(join(root, 'src', 'index.ts'))!;
  const out: Record<string, string[]> = {};
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)) {
    if (!(symbol.name in FIELDS)) continue;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const type = checker.getDeclaredTypeOfSymbol(target);
    out[symbol.name] = checker
      .getPropertiesOfType(type)
      .map((p) => p.name)
      .sort();
  }
  return out;
}

test('each props interface and its runtime checks name the same props', () => {
  const props = interfaceProps();
  expect(Object.keys(props).sort()).toEqual(Object.keys(FIELDS).sort());
  for (const [name, fields] of Object.entries(FIELDS)) {
    expect([name, Object.keys(fields).sort()]).toEqual([name, props[name]]);
  }
}, 60_000);
