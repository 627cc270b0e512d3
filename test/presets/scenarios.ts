/**
 * The seeds' scenarios as a user writes them with the presets. Each scenario sits between
 * `// scenario: <name>` and `// end`, and scenarios.test.ts holds each to 15 lines.
 */
import { Chart, Duration } from 'cdk8s';
import {
  BackupJob,
  EmbeddingRefreshCronJob,
  IndexedIngestJob,
  LogCleanupCronJob,
  ModelMigrationJob,
  ReportCronJob,
  Secrets,
  WorkQueueJob,
} from '../../src';

export const SCENARIOS: Record<string, (chart: Chart) => void> = {
  // scenario: embedding-refresh-nightly
  'embedding-refresh-nightly': (chart) => {
    new EmbeddingRefreshCronJob(chart, 'embeddings', {
      metadata: { name: 'embedding-refresh-nightly' },
      image: 'your-registry/embedding-refresher:1.0.0',
      vectorDbUrl: 'http://qdrant:6333',
    });
  },
  // end
  // scenario: embedding-sync
  'embedding-sync': (chart) => {
    new EmbeddingRefreshCronJob(chart, 'embedding-sync', {
      metadata: { name: 'embedding-sync' },
      schedule: '0 3 * * *',
      timeZone: 'Europe/Berlin',
      image: 'ghcr.io/acme/embedding-sync:1.4.2',
      vectorDbUrl: 'http://qdrant:6333',
      vectorDbUrlEnv: 'QDRANT_URL',
      embeddingApiKey: Secrets.key('openai-credentials', 'api-key'),
      resources: {
        requests: { cpu: '500m', memory: '512Mi' },
        limits: { cpu: '1', memory: '1Gi' },
      },
    });
  },
  // end
  // scenario: document-ingest
  'document-ingest': (chart) => {
    new IndexedIngestJob(chart, 'document-ingest', {
      metadata: { name: 'document-ingest' },
      image: 'ghcr.io/acme/doc-processor:1.0.0',
      totalItems: 1000,
      itemsPerTask: 10,
      parallelism: 10,
    });
  },
  // end
  // scenario: batch-summarizer
  'batch-summarizer': (chart) => {
    new IndexedIngestJob(chart, 'batch-summarizer', {
      metadata: { name: 'batch-summarizer' },
      image: 'ghcr.io/acme/summarizer:1.0.0',
      totalItems: 5000,
      itemsPerTask: 50,
      parallelism: 10,
    });
  },
  // end
  // scenario: model-migration-v2
  'model-migration-v2': (chart) => {
    new ModelMigrationJob(chart, 'model-migration', {
      metadata: { name: 'model-migration-v2' },
      image: 'ghcr.io/acme/model-migrator:2.0.0',
      sourceModel: 'gpt-3.5-turbo',
      targetModel: 'gpt-4o-mini',
      databaseUrl: Secrets.key('db-credentials', 'connection-string'),
    });
  },
  // end
  // scenario: log-cleanup
  'log-cleanup': (chart) => {
    new LogCleanupCronJob(chart, 'log-cleanup', {
      metadata: { name: 'log-cleanup' },
      logsClaim: 'agent-logs',
      retention: Duration.days(7),
    });
  },
  // end
  // scenario: weekly-report-agent
  'weekly-report-agent': (chart) => {
    new ReportCronJob(chart, 'weekly-report', {
      metadata: { name: 'weekly-report-agent' },
      image: 'ghcr.io/acme/report-agent:1.0.0',
      schedule: '0 8 * * 1',
      timeZone: 'Europe/Berlin',
      secrets: 'ai-secrets',
      config: 'report-config',
    });
  },
  // end
  // scenario: work-queue
  'work-queue': (chart) => {
    new WorkQueueJob(chart, 'item-queue', {
      image: 'ghcr.io/acme/queue-worker:1.0.0',
      parallelism: 10,
      queueUrl: 'redis://redis:6379/0',
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
    });
  },
  // end
  // scenario: conversation-backup
  'conversation-backup': (chart) => {
    new BackupJob(chart, 'conversation-backup', {
      image: 'amazon/aws-cli:2.17.0',
      sourceClaim: 'agent-data',
      sourcePath: '/data/conversations',
      destination: 's3://my-bucket/backups/',
      credentials: 'aws-credentials',
    });
  },
  // end
};
