import { App, Chart } from 'cdk8s';
import { BatchJob, IndexedJob, ScheduledJob, Secrets } from 'cdk8s-batch';
const app = new App();
const chart = new Chart(app, 'agents', { namespace: 'ai-agents' });
new ScheduledJob(chart, 'embeddings', {
  image: 'ghcr.io/acme/embedder:1.4.2',
  schedule: '0 2 * * *',
  timeZone: 'Europe/Berlin',
  env: { OPENAI_API_KEY: Secrets.key('openai-credentials', 'api-key') },
});
new IndexedJob(chart, 'ingest', { image: 'ghcr.io/acme/ingest:2.0.0', completions: 100, parallelism: 10 });
new BatchJob(chart, 'bad', { image: 'x:latest', parallelism: -1 });
new ScheduledJob(chart, 'badcron', { image: 'x:1', schedule: '0 25 * * 7', timeZone: 'Mars/Olympus_Mons' });
app.synth();
