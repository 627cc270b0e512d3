// An app with no cdk8s-batch construct: a raw ApiObject and a cdk8s-plus Job, checked by
// the BatchValidation plugin that cdk8s.yaml names.
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'plain', { namespace: 'ai-agents' });
new ApiObject(chart, 'nightly', {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly-sync' },
  spec: {
    schedule: '0 25 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'sync', image: 'busybox:1.36' }] },
        },
      },
    },
  },
});
new kplus.Job(chart, 'plus-job', {
  metadata: { name: 'plus-job' },
  containers: [{ image: 'python:3.11-slim' }],
});
new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
app.synth();
