/**
 * The example app: every workload of the seed documents, declared with cdk8s-batch's
 * presets where the seeds describe a use case, and the general constructs elsewhere.
 * `npm run synth` (or `npx cdk8s synth`) type-checks it and writes dist/agents.k8s.yaml; a
 * mistake fails the synth with a report, one line per problem.
 */
import { App, Chart, Duration } from 'cdk8s';
import {
  BatchJob,
  EmbeddingRefreshCronJob,
  IndexedIngestJob,
  LogCleanupCronJob,
  ModelMigrationJob,
  ReportCronJob,
  Secrets,
  Volume,
  synthOrReport,
} from 'cdk8s-batch';

const app = new App();
const chart = new Chart(app, 'agents', { namespace: 'ai-agents' });

new BatchJob(chart, 'embedding-refresh', {
  metadata: { name: 'embedding-refresh' },
  image: 'python:3.11-slim',
  command: ['python', '-c'],
  args: ['print("Starting embedding refresh...")\nprint("Embedding refresh complete!")'],
  backoffLimit: 4,
});

new BatchJob(chart, 'batch-processor', {
  metadata: { name: 'batch-processor' },
  image: 'busybox:1.36',
  command: ['sh', '-c'],
  args: ['echo "Processing task on $(hostname)..."; sleep 5; echo "Task complete!"'],
  completions: 5,
  parallelism: 2,
});

new LogCleanupCronJob(chart, 'log-cleanup', {
  metadata: { name: 'log-cleanup' },
  schedule: '0 3 * * 0',
  logsClaim: 'agent-logs',
  retention: Duration.days(7),
});

new EmbeddingRefreshCronJob(chart, 'embedding-sync', {
  metadata: { name: 'embedding-sync' },
  schedule: '0 3 * * *',
  timeZone: 'Europe/Berlin',
  image: 'ghcr.io/acme/embedding-sync:1.4.2',
  vectorDbUrl: 'http://qdrant:6333',
  vectorDbUrlEnv: 'QDRANT_URL',
  embeddingApiKey: Secrets.key('openai-credentials', 'api-key'),
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
});

new ModelMigrationJob(chart, 'model-migration', {
  metadata: { name: 'model-migration-v2' },
  image: 'ghcr.io/acme/model-migrator:2.0.0',
  sourceModel: 'gpt-3.5-turbo',
  targetModel: 'gpt-4o-mini',
  databaseUrl: Secrets.key('db-credentials', 'connection-string'),
});

// Each pod reads its slice with currentShard() from cdk8s-batch/runtime (templates/worker-*).
new IndexedIngestJob(chart, 'document-ingest', {
  metadata: { name: 'document-ingest' },
  image: 'ghcr.io/acme/doc-processor:1.0.0',
  totalItems: 1000,
  itemsPerTask: 10,
  parallelism: 10,
});

new BatchJob(chart, 'document-processor', {
  metadata: { name: 'document-processor' },
  image: 'ghcr.io/acme/doc-processor:1.0.0',
  containerName: 'processor',
  env: {
    BATCH_ID: '2026-03-17-intake',
    OPENAI_API_KEY: Secrets.key('ai-secrets', 'openai-api-key'),
  },
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
  volumes: [
    {
      path: '/data',
      volume: Volume.fromPersistentVolumeClaim('document-storage', { name: 'data' }),
    },
  ],
  backoffLimit: 3,
  activeDeadline: Duration.hours(1),
});

new IndexedIngestJob(chart, 'batch-summarizer', {
  metadata: { name: 'batch-summarizer' },
  image: 'ghcr.io/acme/summarizer:1.0.0',
  containerName: 'summarizer',
  totalItems: 5000,
  itemsPerTask: 50,
  parallelism: 10,
});

new ReportCronJob(chart, 'weekly-report', {
  metadata: { name: 'weekly-report-agent' },
  schedule: '0 8 * * 1',
  timeZone: 'Europe/Berlin',
  image: 'ghcr.io/acme/report-agent:1.0.0',
  containerName: 'report-agent',
  secrets: 'ai-secrets',
  config: 'report-config',
});

synthOrReport(app);
