import { Construct } from 'constructs';
import { EnvValue } from '../pod/env';
import { Resources } from '../pod/resources';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from '../workloads/batch-job';
import { PresetOptions, kueueForJob, presetResources, workerFailurePolicy } from './preset-options';
import { requiredProblem } from './scheduled-preset';

export interface WorkQueueJobProps
  extends Omit<BatchJobProps, 'completions' | 'completionMode' | 'parallelism'>, PresetOptions {
  /** Workers that pull from the queue at once; the Job completes when one succeeds and all have exited. */
  readonly parallelism: number;
  /** The queue's URL (e.g. `redis://redis:6379/0`), a literal or `Secrets.key(...)` when it holds a password. */
  readonly queueUrl: string | EnvValue;
  /** The variable the URL is passed in. @default 'QUEUE_URL' */
  readonly queueUrlEnv?: string;
}

const RESOURCES: Resources = {
  requests: { cpu: '500m', memory: '1Gi' },
  limits: { memory: '2Gi' },
};

/**
 * The work-queue pattern: `parallelism` workers, completions unset, each pulls items
 * until the queue is empty and then exits 0.
 *
 * @example
 * new WorkQueueJob(chart, 'embed-queue', {
 *   image: 'ghcr.io/acme/queue-worker:1.0.0', parallelism: 5, queueUrl: 'redis://redis:6379/0',
 * });
 */
export class WorkQueueJob extends BatchJob {
  public constructor(scope: Construct, id: string, props: WorkQueueJobProps) {
    const problems: Problem[] = [];
    super(
      scope,
      id,
      {
        ...props,
        ...kueueForJob(props, problems),
        podFailurePolicy: workerFailurePolicy(props, false),
        resources: presetResources(props, RESOURCES),
        env: { [props.queueUrlEnv ?? 'QUEUE_URL']: props.queueUrl, ...props.env },
      },
      'WorkQueueJob',
    );
    if (!Number.isSafeInteger(props.parallelism) || props.parallelism < 1) {
      problems.push(
        propProblem('spec.parallelism', 'must be 1 or more: the workers that pull from the queue', {
          value: props.parallelism,
        }),
      );
    }
    if (typeof props.queueUrl === 'string') {
      const missing = requiredProblem('queueUrl', props.queueUrl);
      if (missing) problems.push(missing);
    }
    for (const p of problems) this.addProblem(p);
  }
}
