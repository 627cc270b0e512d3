// Your batch workloads: `npm run synth` type-checks this file and writes dist/*.k8s.yaml (or,
// on a mistake, prints the report: one line per problem); `npm test` checks them.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EmbeddingRefreshCronJob, IndexedIngestJob, Secrets, synthOrReport } from 'cdk8s-batch';

export class BatchChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'ai-agents' });
    new EmbeddingRefreshCronJob(this, 'embeddings', {
      image: 'ghcr.io/acme/embedder:1.4.2',
      schedule: '0 3 * * *', // 2 am does not happen on the day Berlin's clocks go forward
      timeZone: 'Europe/Berlin',
      vectorDbUrl: 'http://qdrant:6333',
      embeddingApiKey: Secrets.key('openai-credentials', 'api-key'),
    });
    // worker/worker.ts reads its slice with currentShard() from cdk8s-batch/runtime.
    new IndexedIngestJob(this, 'ingest', {
      image: 'ghcr.io/acme/ingest:2.0.0',
      totalItems: 1000,
      itemsPerTask: 10,
      parallelism: 10,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new BatchChart(app, 'batch');
  synthOrReport(app);
}
