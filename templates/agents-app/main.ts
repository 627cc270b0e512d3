/**
 * The example app: every workload of the seed documents, declared with cdk8s-batch.
 * `npm run synth` (or `npx cdk8s synth`) writes dist/agents.k8s.yaml.
 */
import { App, Chart, Duration } from 'cdk8s';
import { BatchJob, ConfigMaps, IndexedJob, ScheduledJob, Secrets, Volume } from 'cdk8s-batch';

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

new ScheduledJob(chart, 'log-cleanup', {
  metadata: { name: 'log-cleanup' },
  schedule: '0 3 * * 0',
  image: 'busybox:1.36',
  command: ['sh', '-c'],
  args: ['echo "Removing logs older than 7 days..."'],
  restartPolicy: 'OnFailure',
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 1,
});

new ScheduledJob(chart, 'embedding-sync', {
  metadata: { name: 'embedding-sync' },
  schedule: '0 3 * * *',
  timeZone: 'Europe/Berlin',
  concurrencyPolicy: 'Forbid',
  image: 'ghcr.io/acme/embedding-sync:1.4.2',
  env: {
    OPENAI_API_KEY: Secrets.key('openai-credentials', 'api-key'),
    QDRANT_URL: 'http://qdrant:6333',
  },
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  restartPolicy: 'OnFailure',
});

new BatchJob(chart, 'model-migration', {
  metadata: { name: 'model-migration-v2' },
  image: 'ghcr.io/acme/model-migrator:2.0.0',
  env: {
    SOURCE_MODEL: 'gpt-3.5-turbo',
    TARGET_MODEL: 'gpt-4o-mini',
    DB_URL: Secrets.key('db-credentials', 'connection-string'),
  },
  backoffLimit: 2,
  ttlAfterFinished: Duration.hours(1),
});

new IndexedJob(chart, 'document-ingest', {
  metadata: { name: 'document-ingest' },
  image: 'ghcr.io/acme/doc-processor:1.0.0',
  completions: 100,
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

new IndexedJob(chart, 'batch-summarizer', {
  metadata: { name: 'batch-summarizer' },
  image: 'ghcr.io/acme/summarizer:1.0.0',
  containerName: 'summarizer',
  completions: 100,
  parallelism: 10,
  backoffLimit: 10,
});

new ScheduledJob(chart, 'weekly-report', {
  metadata: { name: 'weekly-report-agent' },
  schedule: '0 8 * * 1',
  timeZone: 'Europe/Berlin',
  concurrencyPolicy: 'Forbid',
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 5,
  startingDeadline: Duration.minutes(10),
  image: 'ghcr.io/acme/report-agent:1.0.0',
  containerName: 'report-agent',
  envFrom: [Secrets.all('ai-secrets'), ConfigMaps.all('report-config')],
  backoffLimit: 2,
});

app.synth();
